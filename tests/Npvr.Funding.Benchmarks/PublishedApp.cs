using System.Diagnostics;

namespace Npvr.Funding.Benchmarks;

/// <summary>One app published by infra/publish.sh (the layout azd deploys) into a temporary folder, deleted on dispose.</summary>
internal sealed class PublishedApp : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _folder;

    private PublishedApp(string folder, string executable)
    {
        _folder = folder;
        Executable = executable;
    }

    public string Executable { get; }

    public static PublishedApp Publish(string root, string app)
    {
        var folder = Path.Combine(Path.GetTempPath(), "npvr-bench-publish-" + Guid.NewGuid().ToString("N")[..8]);
        Progress.Say($"publishing {app} with infra/publish.sh into {folder}...");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(root, "infra", "publish.sh"), app, folder }) info.ArgumentList.Add(argument);
        // `dotnet run` hands MSBuild settings to its child; a nested publish must not inherit them, nor leave a build node running.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList()) info.Environment.Remove(key);
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(PublishTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"infra/publish.sh {app} did not finish within {PublishTimeout}.");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"infra/publish.sh {app} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return new PublishedApp(folder, Path.Combine(folder, "Npvr.Funding." + app));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
