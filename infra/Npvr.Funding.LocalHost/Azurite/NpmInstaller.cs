using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>
/// Installs infra/'s pinned npm packages with "npm ci" when node_modules/azurite is missing, of another version than
/// the lock file pins, or older than the lock file, and then makes Azurite's point lookups use its RowKey index
/// (<see cref="RowKeyFirstLookups"/>). Serialised across processes: test processes may start together.
/// </summary>
internal static class NpmInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LockWaitTimeout = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    // --loglevel=http makes npm name each download; NpmProgress counts them instead of printing them.
    private static readonly string[] CiArguments = ["ci", "--no-audit", "--no-fund", "--loglevel=http"];

    public static async Task EnsureInstalledAsync(string infraDirectory, ILogger? logger, CancellationToken ct)
    {
        string infra = Path.GetFullPath(infraDirectory);
        string lockFile = RequireFile(infra, "package-lock.json");
        RequireFile(infra, "package.json");
        if (IsUpToDate(infra, lockFile) && RowKeyFirstLookups.IsApplied(infra))
        {
            return;
        }

        Action<string> write = logger is null
            ? line => Console.Error.WriteLine($"[npm] {line}")
            : line => logger.LogInformation("[npm] {Line}", line);
        await using FileStream installLock = await AcquireInstallLockAsync(infra, write, ct);
        if (!IsUpToDate(infra, lockFile))
        {
            await InstallAsync(infra, lockFile, write, ct);
        }

        // Under the lock: another process may be rewriting the same file. A no-op when it is rewritten already.
        RowKeyFirstLookups.Apply(infra);
    }

    private static async Task InstallAsync(string infra, string lockFile, Action<string> write, CancellationToken ct)
    {
        write($"Installing Azurite {LockedAzuriteVersion(lockFile)} and its dependencies in {infra} with npm ci (once; a few minutes on a slow network)...");
        string npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var progress = new NpmProgress(write);
        using var heartbeat = new Timer(_ => progress.Report(), null, HeartbeatInterval, HeartbeatInterval);
        (int exitCode, string errorTail) = await ChildProcess.RunAsync(npm, CiArguments, infra, progress.Line, InstallTimeout, ct);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{ChildProcess.Describe(npm, CiArguments)}' in {infra} failed with exit code {exitCode}; "
                + $"last error output:{Environment.NewLine}{errorTail}");
        }

        if (!IsUpToDate(infra, lockFile))
        {
            throw new InvalidOperationException(
                $"'npm ci' in {infra} succeeded but node_modules/azurite is still missing or not the version package-lock.json pins.");
        }
    }

    /// <summary>The azurite version the lock file pins.</summary>
    public static string LockedAzuriteVersion(string lockFile) =>
        (string?)JObject.Parse(File.ReadAllText(lockFile)).SelectToken("packages['node_modules/azurite'].version")
        ?? throw new InvalidOperationException($"{lockFile} does not pin node_modules/azurite.");

    private static bool IsUpToDate(string infra, string lockFile)
    {
        string nodeModules = Path.Combine(infra, "node_modules");
        string installedPackage = Path.Combine(nodeModules, "azurite", "package.json");

        // npm writes this after every install; older than the lock file means the lock changed since.
        string installRecord = Path.Combine(nodeModules, ".package-lock.json");
        if (!File.Exists(installedPackage) || !File.Exists(installRecord)
            || File.GetLastWriteTimeUtc(installRecord) < File.GetLastWriteTimeUtc(lockFile))
        {
            return false;
        }

        string? installedVersion = (string?)JObject.Parse(File.ReadAllText(installedPackage))["version"];
        return installedVersion == LockedAzuriteVersion(lockFile);
    }

    private static async Task<FileStream> AcquireInstallLockAsync(string infra, Action<string> write, CancellationToken ct)
    {
        // Outside the repository so that no lock file shows up in git; named after the infra folder it guards.
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(infra)))[..16];
        string path = Path.Combine(Path.GetTempPath(), $"npvr-funding-npm-install-{key}.lock");
        int maxAttempts = (int)(LockWaitTimeout / LockRetryDelay);
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            try
            {
                // FileShare.None takes an exclusive OS lock (flock on Unix) that other processes' attempts fail on.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt + 1 < maxAttempts)
            {
                if (attempt == 0)
                {
                    write($"Waiting for another process that is installing npm packages in {infra} ({path})...");
                }

                await Task.Delay(LockRetryDelay, ct);
            }
        }

        throw new TimeoutException($"Gave up waiting for the npm install lock {path} after {LockWaitTimeout}.");
    }

    private static string RequireFile(string infra, string fileName)
    {
        string path = Path.Combine(infra, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{fileName} not found in '{infra}': is this the repository's infra/ folder?", path);
    }
}
