using System.ComponentModel;
using System.Diagnostics;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>Runs a command to completion, streaming its output lines and keeping the tail of its standard error.</summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string ErrorTail)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, Action<string> onLine, TimeSpan timeout, CancellationToken ct)
    {
        using var process = new Process { StartInfo = StartInfo(fileName, arguments, workingDirectory) };
        var errorTail = new OutputTail(40);
        process.OutputDataReceived += (_, e) => Forward(e.Data, onLine, null);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, onLine, errorTail);
        Start(process, fileName);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"'{Describe(fileName, arguments)}' did not finish within {timeout}; last error output:{Environment.NewLine}{errorTail}");
        }

        return (process.ExitCode, errorTail.ToString());
    }

    public static ProcessStartInfo StartInfo(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Starts the process; a missing executable becomes an error that says what to install.</summary>
    public static void Start(Process process, string fileName)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not start '{fileName}': {ex.Message}. Azurite needs Node.js 20.6 or later with npm on PATH.", ex);
        }

        // Nothing is typed into these tools; a closed stdin makes any prompt fail instead of hanging.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Describe(string fileName, IReadOnlyList<string> arguments) => $"{fileName} {string.Join(' ', arguments)}";

    private static void Forward(string? line, Action<string> onLine, OutputTail? tail)
    {
        if (line is null)
        {
            return;
        }

        tail?.Add(line);
        onLine(line);
    }
}
