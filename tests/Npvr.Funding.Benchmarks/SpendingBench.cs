using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Npvr.Funding.Benchmarks;

/// <summary>
/// Spending entries (programme A, every region), then the big ledger: programme C's imports into the Achterhoek, paged,
/// exported, summed up in a statement, and the Achterhoek journal (every import line is a journal entry) paged and verified.
/// </summary>
internal static class SpendingBench
{
    /// <summary>Short, so that a 50,000-line file stays compact.</summary>
    public const string ProgrammeC = "bc";
    public const string Region = "achterhoek";
    private const string App = "Spending";
    /// <summary>Reads sent before each read is measured (see <see cref="Operation.WarmUpRequests"/>).</summary>
    private const int WarmUp = 3;
    private const string Ledger = $"regions/{Region}/spending?programmeId={ProgrammeC}&year=2025";

    /// <summary>Bounds one import job's polling; every poll waits this long first.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static Task<Row> EntriesAsync(Measurer measurer)
    {
        var count = measurer.Sizes.SmallOperations;
        return measurer.MeasureAsync(new Operation("record a spending entry", "op")
        {
            RequestFunction = $"{App}/RecordSpendingEntry",
            Baseline = Baselines.Transaction,
            SequentialRequests = count,
            Sequential = i => RecordAsync(measurer.System.Api, RegistrationBench.RegionOf(i), i),
            ConcurrentRequests = count,
            Concurrent = i => RecordAsync(measurer.System.Api, RegistrationBench.RegionOf(i), count + i),
        });
    }

    /// <summary>The big ledger: <see cref="Sizes.Imports"/> files of <see cref="Sizes.ImportLines"/> lines, one after another.</summary>
    public static Task<Row> ImportsAsync(Measurer measurer) =>
        measurer.MeasureAsync(new Operation($"import {measurer.Sizes.ImportLines:N0} lines (until the job completed)", "line")
        {
            UnitsPerRequest = measurer.Sizes.ImportLines,
            RequestFunction = $"{App}/ImportSpending",
            Probes = [$"{App}/GetSpendingImport"],
            Baseline = Baselines.Batch,
            SequentialRequests = measurer.Sizes.Imports,
            Sequential = i => ImportAsync(measurer, i),
        });

    public static Task<Row> PagesAsync(Measurer measurer)
    {
        var path = $"{Ledger}&pageSize={Sizes.PageRows}";
        var sequential = new PageWalker(measurer.System.Api, path, Principals.Auditor, 1);
        var concurrent = new PageWalker(measurer.System.Api, path, Principals.Auditor, Sizes.Clients);
        return measurer.MeasureAsync(new Operation($"page {Sizes.PageRows} of {measurer.Sizes.LedgerEntries:N0} spending entries", "page")
        {
            RequestFunction = $"{App}/ListSpending",
            WarmUpRequests = WarmUp,
            Baseline = Baselines.Range,
            SequentialRequests = measurer.Sizes.Pages,
            Sequential = sequential.NextAsync,
            ConcurrentRequests = measurer.Sizes.Pages,
            Concurrent = concurrent.NextAsync,
        });
    }

    /// <summary>One export alone first, its peak working set printed; then the measured exports.</summary>
    public static async Task<Row> ExportsAsync(Measurer measurer, Report report)
    {
        var entries = measurer.Sizes.LedgerEntries;
        await measurer.System.IdleAsync(measurer.Sizes);
        var peak = new WorkingSetPeak();
        try
        {
            await ExportAsync(measurer, entries);
        }
        finally
        {
            await peak.DisposeAsync();
        }
        report.Figure($"Peak working set during one CSV export of {entries:N0} entries: {Mib(peak.Peak)} MiB (before it: {Mib(peak.Before)} MiB; "
            + $"this process holds the local host, the four apps and the benchmark client; server GC: {System.Runtime.GCSettings.IsServerGC}).");
        return await measurer.MeasureAsync(new Operation($"CSV export of {entries:N0} entries", "row")
        {
            UnitsPerRequest = entries,
            RequestFunction = $"{App}/ListSpending",
            Baseline = Baselines.RangeRows,
            SequentialRequests = measurer.Sizes.WholeLedgerRequests,
            Sequential = _ => ExportAsync(measurer, entries),
            ConcurrentRequests = measurer.Sizes.WholeLedgerRequests,
            ConcurrentClients = measurer.Sizes.WholeLedgerRequests,
            Concurrent = _ => ExportAsync(measurer, entries),
        });
    }

    public static Task<Row> StatementsAsync(Measurer measurer)
    {
        var count = measurer.Sizes.SmallOperations;
        var path = $"regions/{Region}/statement?programmeId={ProgrammeC}&year=2025";
        return measurer.MeasureAsync(new Operation($"region statement ({measurer.Sizes.LedgerEntries:N0} entries)", "op")
        {
            RequestFunction = $"{App}/GetRegionStatement",
            WarmUpRequests = WarmUp,
            Baseline = Baselines.Read,
            SequentialRequests = count,
            Sequential = _ => measurer.System.Api.SendAsync(HttpMethod.Get, path, Principals.Auditor, HttpStatusCode.OK),
            ConcurrentRequests = count,
            Concurrent = _ => measurer.System.Api.SendAsync(HttpMethod.Get, path, Principals.Auditor, HttpStatusCode.OK),
        });
    }

    public static async Task JournalAsync(Measurer measurer)
    {
        var api = measurer.System.Api;
        var verified = await api.SendAsync(HttpMethod.Get, $"audit/regions/{Region}/verify", Principals.Auditor, HttpStatusCode.OK);
        if ((bool?)verified["valid"] != true) throw new InvalidOperationException($"The {Region} journal does not verify: {verified}");
        var entries = (long)verified["entries"]!;
        var path = $"audit/regions/{Region}/journal?pageSize={Sizes.PageRows}";
        var sequential = new PageWalker(api, path, Principals.Auditor, 1);
        var concurrent = new PageWalker(api, path, Principals.Auditor, Sizes.Clients);
        await measurer.MeasureAsync(new Operation($"journal page of {Sizes.PageRows} ({entries:N0} entries)", "page")
        {
            RequestFunction = $"{App}/GetJournal",
            WarmUpRequests = WarmUp,
            Baseline = Baselines.Range,
            SequentialRequests = measurer.Sizes.Pages,
            Sequential = sequential.NextAsync,
            ConcurrentRequests = measurer.Sizes.Pages,
            Concurrent = concurrent.NextAsync,
        });
        await measurer.MeasureAsync(new Operation($"full verify of a {entries:N0}-entry journal", "entry")
        {
            UnitsPerRequest = entries,
            RequestFunction = $"{App}/VerifyJournal",
            Baseline = Baselines.RangeRows,
            SequentialRequests = measurer.Sizes.WholeLedgerRequests,
            Sequential = _ => VerifyAsync(api, entries),
            ConcurrentRequests = measurer.Sizes.WholeLedgerRequests,
            ConcurrentClients = measurer.Sizes.WholeLedgerRequests,
            Concurrent = _ => VerifyAsync(api, entries),
        });
    }

    private static Task RecordAsync(BenchApi api, string regionId, int i)
    {
        var entry = new JObject
        {
            ["entryId"] = Guid.NewGuid().ToString(), ["programmeId"] = FundingBench.ProgrammeA, ["bookedOn"] = "2025-06-01",
            ["amount"] = "1210.00", ["vat"] = "210.00", ["compensableVat"] = "210.00", ["category"] = "process-guidance",
            ["counterparty"] = "Bureau Procesbegeleiding B.V.", ["invoiceReference"] = $"F-{i}", ["description"] = "Procesbegeleiding werkateliers",
            ["onwardTransferTo"] = null,
        };
        return api.SendAsync(HttpMethod.Post, $"regions/{regionId}/spending", Principals.KassierOf(regionId), HttpStatusCode.Created, entry.ToString(Formatting.None));
    }

    private static async Task ImportAsync(Measurer measurer, int file)
    {
        var api = measurer.System.Api;
        var started = await api.PostCsvAsync($"regions/{Region}/spending/import", Principals.KassierOf(Region), CompactCsv(measurer.Sizes.ImportLines, file), HttpStatusCode.Accepted);
        var job = $"regions/{Region}/spending/imports/{(string)started["importId"]!}";
        var deadline = DateTimeOffset.UtcNow + measurer.Sizes.IdleTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(PollInterval);
            var state = await api.SendAsync(HttpMethod.Get, job, Principals.Auditor, HttpStatusCode.OK);
            var status = (string?)state["status"];
            if (status is "checking" or "writing") continue;
            if (status != "completed" || (int)state["written"]! != measurer.Sizes.ImportLines)
                throw new InvalidOperationException($"Import {job} ended {state}");
            return;
        }
        throw new TimeoutException($"Import {job} did not complete within {measurer.Sizes.IdleTimeout}.");
    }

    private static async Task ExportAsync(Measurer measurer, int entries)
    {
        var lines = await measurer.System.Api.CsvLinesAsync(Ledger, Principals.Auditor);
        if (lines != entries + 1) throw new InvalidOperationException($"The export had {lines} lines, not a header and {entries} entries.");
    }

    private static async Task VerifyAsync(BenchApi api, long entries)
    {
        var verified = await api.SendAsync(HttpMethod.Get, $"audit/regions/{Region}/verify", Principals.Auditor, HttpStatusCode.OK);
        if ((bool?)verified["valid"] != true || (long)verified["entries"]! != entries) throw new InvalidOperationException($"Verify answered {verified}");
    }

    /// <summary>
    /// About 80 bytes a line (the end-to-end bulk import's form: short programme id and texts, LF line ends), with entry
    /// ids unique per file; booked over 2025.
    /// </summary>
    private static byte[] CompactCsv(int lines, int file)
    {
        var text = new StringBuilder(lines * 82);
        text.Append("entryId,programmeId,bookedOn,amount,vat,compensableVat,category,counterparty,invoiceReference,description,onwardTransferName,onwardTransferKvk\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{new Guid(i + 1, (short)(file + 1), 0x4000, BitConverter.GetBytes((long)i + 1))},{ProgrammeC},2025-{1 + (i % 12):D2}-01,")
                .Append(CultureInfo.InvariantCulture, $"{1 + (i % 9)}.00,0.00,0.00,other,X,,d,,\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0", CultureInfo.InvariantCulture);
}
