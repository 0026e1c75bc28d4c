using System.Collections.Concurrent;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Npvr.Funding.LocalHost;

/// <summary>
/// The API contract, docs/openapi.yaml, loaded with Microsoft.OpenApi: the one document the local host serves and the
/// tests check responses against.
/// </summary>
public static class ApiContract
{
    public static string PathIn(string repositoryRoot) => Path.Combine(repositoryRoot, "docs", "openapi.yaml");

    /// <summary>The extension that marks an operation specified but not served yet.</summary>
    public const string PlannedExtension = "x-planned";

    private static readonly ConcurrentDictionary<string, Lazy<Task<OpenApiDocument>>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The document, read once per process.</summary>
    /// <exception cref="InvalidOperationException">The file does not parse as OpenAPI; the message lists every error.</exception>
    public static Task<OpenApiDocument> LoadAsync(string repositoryRoot) =>
        Loaded.GetOrAdd(PathIn(repositoryRoot), path => new Lazy<Task<OpenApiDocument>>(() => ReadAsync(path))).Value;

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static async Task<string> JsonAsync(string repositoryRoot) =>
        await (await LoadAsync(repositoryRoot)).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);

    public static bool IsPlanned(OpenApiOperation operation) =>
        operation.Extensions?.TryGetValue(PlannedExtension, out var value) == true
        && value is JsonNodeExtension { Node: System.Text.Json.Nodes.JsonValue node } && node.TryGetValue(out bool planned) && planned;

    private static async Task<OpenApiDocument> ReadAsync(string path)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        await using var stream = File.OpenRead(path);
        var result = await OpenApiDocument.LoadAsync(stream, "yaml", settings);
        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || errors.Count > 0)
            throw new InvalidOperationException($"{path} is not a valid OpenAPI document:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return result.Document;
    }
}
