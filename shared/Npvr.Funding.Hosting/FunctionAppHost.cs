using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Npvr.Funding.Hosting;

/// <summary>Builds the custom handler's web server: GET / for readiness and POST /{FunctionName} per invocation.</summary>
public static class FunctionAppHost
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Entry point in Azure: the Functions host starts the executable with the port in the environment.</summary>
    public static async Task RunAsync(IFunctionApp app, string[] args)
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber))
            throw new InvalidOperationException($"{PortVariable} is not set: this executable is started by the Azure Functions host (or infra/Npvr.Funding.LocalHost).");
        var webApp = Build(app, args, $"http://127.0.0.1:{portNumber}", settings: null);
        await webApp.RunAsync();
    }

    /// <summary>Builds the app listening on <paramref name="url"/> (port 0 picks a free port; read it with <see cref="BoundAddress"/>).</summary>
    public static WebApplication Build(IFunctionApp app, string[] args, string url, IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ApplicationName = app.Name });
        // Per-request framework logs would drown the function logs; the host logs every invocation anyway.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning" });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton(ContinuationTokens.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<Interleavings>();
        builder.Services.AddSingleton<AppRoutes>();
        builder.Services.AddSingleton<PlatformAuthentication>();
        builder.Services.AddSingleton<IFunction, UnmatchedRoute>();
        app.ConfigureServices(builder.Services, builder.Configuration);
        builder.Services.AddSingleton<FunctionRegistry>();
        var webApp = builder.Build();
        EnsureFunctionsMatch(webApp);
        webApp.MapGet("/", () => $"{app.Name} custom handler is ready.");
        webApp.MapPost("/{functionName}", InvocationEndpoint.HandleAsync);
        return webApp;
    }

    public static string BoundAddress(WebApplication webApp) =>
        webApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("The handler is not listening yet.");

    private static void EnsureFunctionsMatch(WebApplication webApp)
    {
        if (AppDirectory(webApp.Configuration) is { } directory)
            webApp.Services.GetRequiredService<FunctionRegistry>().EnsureMatches(directory);
    }

    /// <summary>
    /// The app root holding host.json and the function folders, or null when there is none (a handler built in a test).
    /// In Azure the app root (host.json beside the executable) is the working directory; locally the local host passes it.
    /// </summary>
    public static string? AppDirectory(IConfiguration configuration)
    {
        var directory = configuration["FunctionApp:Directory"]
            ?? Environment.GetEnvironmentVariable("FUNCTIONS_APP_ROOT_PATH")
            ?? AppContext.BaseDirectory;
        return File.Exists(Path.Combine(directory, "host.json")) ? directory : null;
    }
}
