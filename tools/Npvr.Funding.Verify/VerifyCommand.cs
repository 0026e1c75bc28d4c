using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Verify;

/// <summary>
/// dotnet run --project tools/Npvr.Funding.Verify -- --journal &lt;file&gt; --checkpoint &lt;file&gt; --keys &lt;file&gt;
/// The journal is the items of GET /audit/regions/{regionId}/journal, every page concatenated into one JSON array;
/// the checkpoint and the keys are the answers of GET /audit/regions/{regionId}/checkpoint and GET /audit/keys.
/// Exit 0 when the journal is valid and signed, 1 when it is not (the first failure is named), 2 for a usage error.
/// </summary>
public static class VerifyCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    /// <summary>Largest file read (a 1,000,000-entry journal is about 1 GB; an export that large is split by region anyway).</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Arguments(args) is not { } files)
        {
            error.WriteLine("Usage: Npvr.Funding.Verify --journal <file> --checkpoint <file> --keys <file>");
            return Usage;
        }
        JObject checkpoint, keys;
        var journal = files["--journal"];
        try
        {
            RequireSize(journal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot read the files: {e.Message}");
            return Usage;
        }
        try
        {
            checkpoint = Read<JObject>(files["--checkpoint"]);
            keys = Read<JObject>(files["--keys"]);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidCastException or UnauthorizedAccessException)
        {
            // The journal is named first when it is unreadable too, as when it was read first and whole.
            error.WriteLine($"Cannot read the files: {JournalProblem(journal) ?? e.Message}");
            return Usage;
        }
        VerifyReport report;
        try
        {
            report = OfflineVerifier.Verify(JournalFile.Read(journal), checkpoint, keys);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot read the files: {e.Message}");
            return Usage;
        }
        output.WriteLine(report.Message);
        return report.Valid ? Valid : Invalid;
    }

    private static string? JournalProblem(string path)
    {
        try
        {
            return JournalFile.Problem(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static Dictionary<string, string>? Arguments(string[] args)
    {
        var names = new[] { "--journal", "--checkpoint", "--keys" };
        if (args is null || args.Length != 6) return null;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!names.Contains(args[i], StringComparer.Ordinal) || !files.TryAdd(args[i], args[i + 1])) return null;
        }
        return files;
    }

    private static T Read<T>(string path) where T : JToken
    {
        RequireSize(path);
        return (T)FundingJson.Parse(File.ReadAllText(path));
    }

    private static void RequireSize(string path)
    {
        if (new FileInfo(path).Length > MaxFileBytes) throw new IOException($"{path} is larger than {MaxFileBytes} bytes.");
    }
}
