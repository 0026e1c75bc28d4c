using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain;

namespace Npvr.Funding.EndToEnd.Tests.Support;

/// <summary>
/// One system for a test class: every region has its kassier (the Achterhoek's is Doetinchem GM0222, see
/// DisbursementWorld), and each test defines programmes of its own (<see cref="ProgrammeAsync"/>) so that its
/// queries, filtered by programme, see only its own entries.
/// </summary>
public class SpendingWorld : IAsyncLifetime
{
    internal TestSystem System { get; private set; } = null!;
    internal FundingApi Api => System.Api;

    /// <summary>App settings of this world's system.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        System = await TestSystem.StartAsync(appSettings: Settings);
        await SpendingSetup.DesignateAllAsync(System);
    }

    public async Task DisposeAsync() => await System.DisposeAsync();

    /// <summary>A new programme (2025-2027) for the regions given, known to Spending when this returns.</summary>
    internal Task<string> ProgrammeAsync(params string[] regions) => SpendingSetup.ProgrammeAsync(System, regions);
}

/// <summary>
/// A world whose Spending app keeps no memory of the events it staged, so its journal consumer recognises each of its
/// own events by the entry's ledger row, as another instance of the app would.
/// </summary>
public sealed class SpendingWorldWithoutMemory : SpendingWorld
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Spending:OwnEventsCapacity"] = "0" };
}

/// <summary>Set-up, requests and reads of the spending tests.</summary>
internal static class SpendingSetup
{
    public static async Task DesignateAllAsync(TestSystem system)
    {
        foreach (var region in Regions.All)
        {
            var designated = await system.Api.PutAsync($"regions/{region.Id}/kassier", Principals.Coordinator,
                new { organisationCode = DisbursementWorld.KassierCodeOf(region.Id), organisationName = "Gemeente " + region.Id, effectiveFrom = "2025-01-15" });
            Assert.True(designated.Status == HttpStatusCode.OK, designated.ToString());
        }
        await system.IdleAsync();
    }

    public static async Task<string> ProgrammeAsync(TestSystem system, string[] regions, string? programmeId = null)
    {
        var id = programmeId ?? "t-" + Guid.NewGuid().ToString("N")[..12];
        var defined = await system.Api.PutAsync($"programmes/{id}", Principals.Finance, new
        {
            name = "Test programme " + id,
            instrument = "DU",
            fund = "Gemeentefonds",
            years = new[] { 2025, 2026, 2027 },
            regions,
            grossPerRegionPerYear = "350000.00",
        });
        Assert.True(defined.Status == HttpStatusCode.Created, defined.ToString());
        await system.IdleAsync();
        return id;
    }

    public static string SpendingPath(string regionId) => $"regions/{regionId}/spending";

    public static JObject Entry(string programmeId, string bookedOn = "2025-06-01", string amount = "1210.00", string vat = "210.00",
        string compensableVat = "210.00", string category = "process-guidance", Guid? entryId = null) => new()
        {
            ["entryId"] = (entryId ?? Guid.NewGuid()).ToString(),
            ["programmeId"] = programmeId,
            ["bookedOn"] = bookedOn,
            ["amount"] = amount,
            ["vat"] = vat,
            ["compensableVat"] = compensableVat,
            ["category"] = category,
            ["counterparty"] = "Bureau Procesbegeleiding B.V.",
            ["invoiceReference"] = "F-2025-0042",
            ["description"] = "Procesbegeleiding werkateliers",
            ["onwardTransferTo"] = null,
        };

    public static async Task<JObject> RecordAsync(TestSystem system, string regionId, JObject entry, string? principal = null)
    {
        var recorded = await system.Api.PostAsync(SpendingPath(regionId), principal ?? DisbursementWorld.KassierOf(regionId), entry.ToString());
        Assert.True(recorded.Status == HttpStatusCode.Created, recorded.ToString());
        return recorded.Json;
    }

    /// <summary>Every entry the query gives, all pages of <paramref name="pageSize"/>.</summary>
    public static async Task<List<JObject>> ListAsync(TestSystem system, string regionId, string query, string? principal = null, int pageSize = 1000)
    {
        var items = new List<JObject>();
        string? token = null;
        for (var page = 0; page < 1000; page++)
        {
            var path = $"{SpendingPath(regionId)}?{query}&pageSize={pageSize}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var response = await system.Api.GetAsync(path, principal ?? Principals.Auditor);
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            items.AddRange(response.Json["items"]!.OfType<JObject>());
            token = (string?)response.Json["continuationToken"];
            if (token is null) return items;
        }
        throw new InvalidOperationException("More than 1000 pages of spending.");
    }

    public static async Task<string> ExportAsync(TestSystem system, string regionId, string query, string? principal = null)
    {
        var export = await system.Api.GetCsvAsync($"{SpendingPath(regionId)}?{query}", principal ?? Principals.Auditor);
        Assert.True(export.Status == HttpStatusCode.OK && export.MediaType == "text/csv", export.ToString()[..Math.Min(500, export.ToString().Length)]);
        return export.Body;
    }

    /// <summary>Posts a file; 202 expected. Returns the job's Location.</summary>
    public static async Task<string> StartImportAsync(TestSystem system, string regionId, string csv, string? principal = null)
    {
        var started = await system.Api.PostCsvAsync($"{SpendingPath(regionId)}/import", principal ?? DisbursementWorld.KassierOf(regionId), csv);
        Assert.True(started.Status == HttpStatusCode.Accepted, started.ToString()[..Math.Min(2000, started.ToString().Length)]);
        Assert.StartsWith($"/api/regions/{regionId}/spending/imports/", started.Headers["Location"], StringComparison.Ordinal);
        return started.Headers["Location"];
    }

    /// <summary>Polls the job until it is completed, rejected or failed (bounded); <paramref name="seen"/> gets every answer.</summary>
    public static async Task<JObject> WaitForImportAsync(TestSystem system, string location, TimeSpan timeout, List<JObject>? seen = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var job = await system.Api.GetAsync(location["/api/".Length..], Principals.Auditor);
            Assert.True(job.Status == HttpStatusCode.OK, job.ToString());
            seen?.Add(job.Json);
            if ((string?)job.Json["status"] is "completed" or "rejected" or "failed") return job.Json;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Import {location} did not finish within {timeout}.");
    }

    public static async Task<JObject> ImportAsync(TestSystem system, string regionId, string csv, string? principal = null)
    {
        var job = await WaitForImportAsync(system, await StartImportAsync(system, regionId, csv, principal), TimeSpan.FromMinutes(2));
        await system.IdleAsync();
        return job;
    }

    /// <summary>The whole journal of a region, every page.</summary>
    public static async Task<List<JObject>> WholeJournalAsync(TestSystem system, string regionId)
    {
        var entries = new List<JObject>();
        string? token = null;
        for (var page = 0; page < 10_000; page++)
        {
            var path = $"audit/regions/{regionId}/journal?pageSize=1000" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var response = await system.Api.GetAsync(path, Principals.Auditor);
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            entries.AddRange(response.Json["items"]!.OfType<JObject>());
            token = (string?)response.Json["continuationToken"];
            if (token is null) return entries;
        }
        throw new InvalidOperationException("More than 10,000 pages of journal.");
    }

    /// <summary>How many journal entries are <paramref name="type"/> events about one of <paramref name="entryIds"/>.</summary>
    public static int Journaled(IEnumerable<JObject> journal, string type, IReadOnlySet<string> entryIds) =>
        journal.Count(e => (string?)e["entry"]!["type"] == type && entryIds.Contains((string?)e["entry"]!["data"]!["entryId"] ?? ""));

    public static async Task<JObject> VerifyAsync(TestSystem system, string regionId)
    {
        var verify = await system.Api.GetAsync($"audit/regions/{regionId}/verify", Principals.Auditor);
        Assert.True(verify.Status == HttpStatusCode.OK && (bool?)verify.Json["valid"] == true, $"{regionId}: {verify}");
        return verify.Json;
    }
}

/// <summary>CSV text for import tests: the import's columns, quoting where a field needs it.</summary>
internal static class CsvText
{
    public static readonly string[] Columns =
    [
        "entryId", "programmeId", "bookedOn", "amount", "vat", "compensableVat", "category", "counterparty", "invoiceReference", "description",
        "onwardTransferName", "onwardTransferKvk",
    ];

    public static string Of(IEnumerable<string?[]> rows, char separator = ',', string newLine = "\r\n")
    {
        var text = new StringBuilder();
        text.Append(string.Join(separator, Columns)).Append(newLine);
        foreach (var row in rows) text.Append(string.Join(separator, row.Select(f => Quote(f ?? "", separator)))).Append(newLine);
        return text.ToString();
    }

    /// <summary>A row of the twelve required columns.</summary>
    public static string?[] Row(string programmeId, Guid entryId, string bookedOn, string amount, string vat, string compensableVat, string category,
        string counterparty, string description, string? invoiceReference = null, string? onwardName = null, string? onwardKvk = null) =>
        [entryId.ToString(), programmeId, bookedOn, amount, vat, compensableVat, category, counterparty, invoiceReference, description, onwardName, onwardKvk];

    /// <summary>Distinct, valid rows: amounts vary with the index, so do dates (2025), categories and texts.</summary>
    public static List<string?[]> Generated(string programmeId, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => Row(programmeId, Guid.NewGuid(),
            new DateOnly(2025, 1 + (i % 12), 1 + (i % 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Money.FromCents(12_100 + i).ToString(), "0.00", "0.00", i % 3 == 0 ? "research" : "personnel", $"Leverancier {i}", $"Regel {i}", $"F-{i}")),
    ];

    private static string Quote(string field, char separator) =>
        field.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
