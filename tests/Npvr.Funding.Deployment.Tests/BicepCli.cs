using System.Reflection;

namespace Npvr.Funding.Deployment.Tests;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package. The test
/// project's build writes the package's $(BicepPath) into the assembly metadata.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    public static string Path => Executable.Value;

    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run(Path, arguments, workingDirectory, TimeSpan.FromMinutes(3));

    private static string Locate()
    {
        var configured = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "The test assembly carries no BicepPath: the Azure.Bicep.CommandLine.linux-x64 package was not restored.");
        }

        // The package's props write the path with Windows separators.
        var path = System.IO.Path.GetFullPath(configured.Replace('\\', '/'));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Bicep CLI not found at {path} (from Azure.Bicep.CommandLine.linux-x64). Run `dotnet restore`.", path);
        }

        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not always keep the execute bit when it extracts a package.
            var mode = File.GetUnixFileMode(path);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }
}
