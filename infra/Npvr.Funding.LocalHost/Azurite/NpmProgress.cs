using System.Diagnostics;
using System.Globalization;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Summarises "npm ci --loglevel=http": each package tarball fetched is counted, not printed; warnings, errors and
/// npm's closing line pass through; <see cref="Report"/> says how far it got, for a heartbeat while npm is quiet.
/// </summary>
internal sealed class NpmProgress(Action<string> write)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _fetched;

    public void Line(string line)
    {
        if (line.StartsWith("npm http fetch", StringComparison.Ordinal))
        {
            // A tarball URL has "/-/" in it; the other fetches are package metadata.
            if (line.Contains("/-/", StringComparison.Ordinal)) Interlocked.Increment(ref _fetched);
            return;
        }
        if (line.Length > 0) write(line);
    }

    public void Report() => write(string.Create(CultureInfo.InvariantCulture,
        $"still installing: {Volatile.Read(ref _fetched)} packages downloaded, {_clock.Elapsed.TotalSeconds:F0} s so far"));
}
