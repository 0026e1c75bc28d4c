using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Tests.Azurite;

public sealed class InstallAndRepositoryRootTests
{
    [Fact]
    public void Repository_root_is_the_folder_holding_the_solution()
    {
        string root = RepositoryRoot.Locate();

        Assert.True(File.Exists(Path.Combine(root, "Npvr.Funding.sln")));
        Assert.Equal(root, RepositoryRoot.Locate(Path.Combine(root, "infra", "Npvr.Funding.LocalHost")));
        Assert.Equal(Path.Combine(root, "infra"), RepositoryRoot.InfraDirectory());
    }

    [Fact]
    public void Repository_root_not_found_is_a_clear_error()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => RepositoryRoot.Locate(Path.GetTempPath()));

        Assert.Contains("Npvr.Funding.sln", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_installed_rejects_a_folder_without_package_files()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => AzuriteRunner.EnsureInstalledAsync(Path.GetTempPath()));

        Assert.Contains("package-lock.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensure_installed_leaves_an_up_to_date_install_alone()
    {
        string infra = RepositoryRoot.InfraDirectory();
        await AzuriteRunner.EnsureInstalledAsync(infra);
        DateTime installedUtc = File.GetLastWriteTimeUtc(Path.Combine(infra, "node_modules", ".package-lock.json"));

        await AzuriteRunner.EnsureInstalledAsync(infra);

        Assert.Equal(installedUtc, File.GetLastWriteTimeUtc(Path.Combine(infra, "node_modules", ".package-lock.json")));
        Assert.True(File.Exists(Path.Combine(infra, "node_modules", "azurite", "dist", "src", "table", "main.js")));
    }
}
