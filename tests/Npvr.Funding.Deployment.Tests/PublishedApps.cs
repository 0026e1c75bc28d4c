using Xunit;

namespace Npvr.Funding.Deployment.Tests;

internal sealed record PublishedApp(FunctionApp Source, string Folder, ProcessResult Result);

/// <summary>
/// Every app under functions/ published once per test run with infra/publish.sh, the
/// script the azure.yaml prepackage hooks run, into a temporary folder.
/// </summary>
public sealed class PublishedApps : IDisposable
{
    private readonly TempDir temp = new("npvr-publish");

    public PublishedApps()
    {
        Apps = FunctionApp.DiscoverAll()
            .Select(app =>
            {
                var folder = temp.PathTo(app.Name);
                var result = RunPublishScript(app.Name, folder);
                return new PublishedApp(app, folder, result);
            })
            .ToList();
    }

    internal IReadOnlyList<PublishedApp> Apps { get; }

    public static string Script => Repo.PathTo("infra", "publish.sh");

    internal static ProcessResult RunPublishScript(string app, string outDir) =>
        ProcessRunner.Run("bash", [Script, app, outDir], Repo.Root, TimeSpan.FromMinutes(10), scrubMsBuildEnvironment: true);

    internal PublishedApp Succeeded(PublishedApp app)
    {
        Assert.True(app.Result.ExitCode == 0, app.Result.Describe($"infra/publish.sh {app.Source.Name}"));
        return app;
    }

    public void Dispose() => temp.Dispose();
}
