using System.Diagnostics;
using System.Text;

namespace Npvr.Funding.Deployment.Tests;

internal sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    public string Describe(string what) =>
        $"{what} exited with {ExitCode}.\n--- stdout ---\n{Tail(StdOut)}\n--- stderr ---\n{Tail(StdErr)}";

    private static string Tail(string text) => text.Length <= 6000 ? text : "..." + text[^6000..];
}

internal static class ProcessRunner
{
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        bool scrubMsBuildEnvironment = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (scrubMsBuildEnvironment)
        {
            // `dotnet test` hands its MSBuild settings to child processes; a nested
            // `dotnet publish` must not inherit them.
            var inherited = start.Environment.Keys
                .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                    || k.Equals("DOTNET_STARTUP_HOOKS", StringComparison.OrdinalIgnoreCase))
                .ToList();
            foreach (var key in inherited)
            {
                start.Environment.Remove(key);
            }

            // ...except the opt-out of node reuse: a reused MSBuild node would outlive the test run (NestedBuilds).
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment[NestedBuilds.MarkerVariable] = NestedBuilds.Marker;
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };

        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.\n{stdout}\n{stderr}");
        }

        // Drain the asynchronous readers.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
