namespace Npvr.Funding.Deployment.Tests;

/// <summary>Paths in the repository the tests run from (the folder that holds Npvr.Funding.sln).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Npvr.Funding.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Npvr.Funding.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string prefix)
    {
        FullName = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullName);
    }

    public string FullName { get; }

    public string PathTo(params string[] parts) => Path.Combine([FullName, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
