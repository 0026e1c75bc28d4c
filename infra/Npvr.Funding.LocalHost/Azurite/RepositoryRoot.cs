namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>Finds the repository root: the nearest folder at or above a start folder that holds Npvr.Funding.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the root.</summary>
    public const string SolutionFileName = "Npvr.Funding.sln";

    private const int MaxDepth = 32;

    /// <summary>Walks up from <paramref name="startDirectory"/> (default: the app's base directory) at most 32 levels.</summary>
    /// <exception cref="DirectoryNotFoundException">No folder on the way up holds the solution file.</exception>
    public static string Locate(string? startDirectory = null)
    {
        string start = Path.GetFullPath(startDirectory ?? AppContext.BaseDirectory);
        DirectoryInfo? directory = new(start);
        for (int depth = 0; depth < MaxDepth && directory is not null; depth++)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new DirectoryNotFoundException(
            $"Could not find the repository root: no folder at or up to {MaxDepth} levels above '{start}' contains {SolutionFileName}.");
    }

    /// <summary>The infra/ folder of the repository found from <paramref name="startDirectory"/>.</summary>
    public static string InfraDirectory(string? startDirectory = null) => Path.Combine(Locate(startDirectory), "infra");
}
