using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi;
using Npvr.Funding.LocalHost;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>
/// Checks every response the end-to-end tests receive against docs/openapi.yaml (loaded with Microsoft.OpenApi,
/// validated with JsonSchema.Net): the route and method are documented and served, the status is documented for
/// them, and the body has a documented media type and validates against its schema. A response that does not fails
/// the test that made it (<see cref="ContractViolationException"/>). Every checked response is recorded. Free of xunit:
/// the simulator (tests/Npvr.Funding.Simulation) compiles this file too.
/// </summary>
internal static class ContractCheck
{
    private const string ComponentsPrefix = "#/components/schemas/";

    private static readonly Lazy<Task<Contract>> Loaded = new(Contract.LoadAsync);

    /// <summary>"METHOD /template status" of every response checked in this run.</summary>
    public static ConcurrentDictionary<string, int> Recorded { get; } = new(StringComparer.Ordinal);

    /// <exception cref="ContractViolationException">The response breaks the contract.</exception>
    public static async Task VerifyAsync(HttpMethod method, string relativePath, ApiResponse response)
    {
        var contract = await Loaded.Value;
        var failure = contract.Check(method, relativePath, response);
        if (failure is not null)
            throw new ContractViolationException($"{method} /api/{relativePath} answered {response} which breaks docs/openapi.yaml: {failure}");
    }

    /// <summary>The loaded document and the JSON schemas made from it, one per response media type.</summary>
    private sealed class Contract(OpenApiDocument document, JsonObject definitions)
    {
        private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
        private readonly List<(Regex Pattern, string Template, int Parameters)> _templates = [.. document.Paths.Keys
            .Select(t => (new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{[^/]+?\}", "[^/]+") + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), t, t.Count(c => c == '{')))
            .OrderBy(t => t.Item3)];

        public static async Task<Contract> LoadAsync()
        {
            var document = await ApiContract.LoadAsync(RepositoryRoot.Locate(AppContext.BaseDirectory));
            var definitions = new JsonObject();
            foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
                definitions[name] = JsonNode.Parse(Rewrite(Serialize(schema)));
            return new Contract(document, definitions);
        }

        public string? Check(HttpMethod method, string relativePath, ApiResponse response)
        {
            var path = "/" + relativePath.Split('?', 2)[0];
            var template = _templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Template;
            if (template is null) return Unmatched(method, response, 404, "route-not-found", $"no path of the document matches {path}");
            var operations = document.Paths[template].Operations;
            if (operations is null || !operations.TryGetValue(method, out var operation))
                return Unmatched(method, response, 405, "method-not-allowed", $"{method} is not documented for {template}");
            if (ApiContract.IsPlanned(operation)) return $"{method} {template} is marked x-planned but served: remove the mark";
            var status = ((int)response.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Recorded.AddOrUpdate($"{method} {template} {status}", 1, (_, n) => n + 1);
            if (operation.Responses is null || !operation.Responses.TryGetValue(status, out var documented))
                return $"status {status} is not documented for {method} {template}";
            // A failed invocation: the Functions host itself answers 500 with an empty body (documented under InternalError).
            if (status == "500" && response.Body.Length == 0) return null;
            if (documented.Content is not { Count: > 0 } content)
                return response.Body.Length == 0 ? null : $"status {status} is documented without a body, and one came";
            if (response.MediaType is null || !content.TryGetValue(response.MediaType, out var media))
                return $"media type {response.MediaType ?? "(none)"} is not documented for status {status}; documented: {string.Join(", ", content.Keys)}";
            // Only JSON bodies have a JSON schema to meet; a CSV body is checked by the tests that read it.
            if (media.Schema is null || !response.MediaType.EndsWith("json", StringComparison.Ordinal)) return null;
            var schema = _schemas.GetOrAdd($"{method} {template} {status} {response.MediaType}", _ => Compile(media.Schema));
            return Validate(schema, response.Body);
        }

        /// <summary>What the contract's conventions promise outside any operation: the catch-all's problem+json 404 or 405.</summary>
        private string? Unmatched(HttpMethod method, ApiResponse response, int status, string type, string why)
        {
            if ((int)response.Status != status || response.MediaType != "application/problem+json")
                return $"{why}, so the answer must be a {status} problem+json";
            if (response.Body.Length == 0 && method == HttpMethod.Head) return null; // HEAD answers the headers of a GET, never a body
            var problem = document.Components?.Schemas?["Problem"] ?? throw new InvalidOperationException("The contract has no Problem schema.");
            var failure = Validate(_schemas.GetOrAdd("Problem", _ => Compile(problem)), response.Body);
            if (failure is not null) return failure;
            var answered = (string?)JsonNode.Parse(response.Body)?["type"];
            if (answered != type) return $"{why}, so the problem type must be {type}, not {answered}";
            if (status == 405 && !response.Headers.ContainsKey("Allow")) return "a 405 must name the allowed methods in Allow";
            return null;
        }

        private JsonSchema Compile(IOpenApiSchema schema)
        {
            var root = JsonNode.Parse(Rewrite(Serialize(schema)))!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = definitions.DeepClone();
            return JsonSchema.FromText(root.ToJsonString());
        }

        private static string? Validate(JsonSchema schema, string body)
        {
            JsonNode? instance;
            try
            {
                instance = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException e)
            {
                return $"the body is not JSON ({e.Message})";
            }
            var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            if (result.IsValid) return null;
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Take(20);
            return "the body does not validate: " + string.Join("; ", errors);
        }

        private static string Serialize(IOpenApiSchema schema)
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            schema.SerializeAsV31(new OpenApiJsonWriter(writer));
            return writer.ToString();
        }

        private static string Rewrite(string schemaJson) => schemaJson.Replace(ComponentsPrefix, "#/$defs/", StringComparison.Ordinal);
    }
}

/// <summary>An HTTP answer that docs/openapi.yaml does not allow; it fails the test (or the simulated seed) that received it.</summary>
internal sealed class ContractViolationException(string message) : Exception(message);
