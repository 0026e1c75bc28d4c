using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost;
using Npvr.Funding.LocalHost.Azurite;
using Npvr.Funding.LocalHost.Functions;

// dotnet run --project infra/Npvr.Funding.LocalHost [-- --help] (switches: CommandLine.Usage)
var arguments = CommandLine.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (arguments.Help)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}
using var loggers = LoggerFactory.Create(b => b
    .AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat) = (true, Say.TimestampFormat))
    .SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
var log = loggers.CreateLogger("Npvr.Funding.LocalHost");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
// `kill` sends SIGTERM, a closed terminal SIGHUP: stop as on Ctrl+C, so Azurite is stopped and saves its data too.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnSignal);
using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, StopOnSignal);
var root = RepositoryRoot.Locate();
Say.Line("Npvr.Funding local host starting (the apps were built by dotnet run just now)");
Npvr.Funding.LocalHost.Azurite.AzuriteRunner? started;
try
{
    started = await LocalStorage.StartAsync(root, arguments, loggers, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Say.Line("Stopped while starting.");
    return 0;
}
await using var azurite = started;
var azuriteDied = azurite is null ? Task.FromResult(false) : LocalStorage.StopWhenItExitsAsync(azurite, stop, log);
var options = new LocalHostOptions
{
    RepositoryRoot = root,
    Port = arguments.Port,
    StorageConnectionString = arguments.StorageConnectionString ?? azurite?.ConnectionString,
    ServiceBusPort = arguments.ServiceBusPort,
    ServiceBusConnectionString = arguments.ServiceBusConnectionString,
    // The key that signs journal checkpoints, made on first run in the git-ignored .localdata folder (issue 12).
    AppSettings = new Dictionary<string, string?> { ["Audit:SigningKeyPath"] = Path.Combine(root, ".localdata", "audit", "signing-key.json") },
};
LocalFunctionsHost host;
try
{
    host = await LocalFunctionsHost.StartAsync(options, loggers, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Say.Line("Stopped while starting.");
    return await azuriteDied ? 1 : 0;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"Port {arguments.Port} is in use: is another local host running? Stop it, or pass -- --port <another port>.");
    return 1;
}
catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
{
    Console.Error.WriteLine(
        $"Service Bus port {arguments.ServiceBusPort} is in use (another local host, or Microsoft's emulator?). Stop it, or pass -- --servicebus-port <another port>.");
    return 1;
}
await using var running = host;
Say.Line($"Npvr.Funding local host on {host.BaseUrl} (Ctrl+C or kill -TERM stops it); API docs on {host.BaseUrl}api/docs");
Console.WriteLine(host.Describe());
Say.Line(arguments.ServiceBusConnectionString is null
    ? $"Service Bus: local broker (infra/topology.json), connection string: {host.ServiceBusConnectionString}"
    : $"Service Bus: the given connection string: {System.Text.RegularExpressions.Regex.Replace(host.ServiceBusConnectionString, "(SharedAccessKey|SharedAccessSignature)=[^;]*", "$1=(hidden)")}");
Say.Line(azurite is null ? "Table Storage: the given connection string." : $"Table Storage: Azurite on {azurite.TableEndpoint}, blobs on {azurite.BlobEndpoint}, data in {LocalStorage.DataDirectory(root)}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Say.Line("Stopping.");
}
return await azuriteDied ? 1 : 0;

void StopOnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
