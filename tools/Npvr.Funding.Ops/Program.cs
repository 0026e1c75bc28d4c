using Npvr.Funding.Ops;

// Dead-letter operations for any Service Bus: the local host's endpoint, Microsoft's emulator, or a namespace in Azure.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await OpsCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
