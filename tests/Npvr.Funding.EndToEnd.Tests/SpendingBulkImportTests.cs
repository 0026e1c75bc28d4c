using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using Xunit.Abstractions;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>
/// Issue 8, points 3 and 6 at full size: a 50,000-record file through the job, the outbox and the journal. The file is
/// written compactly (short programme id and texts, LF line ends) because the local host takes request bodies up to
/// 4 MiB; Azure's Functions host takes 100 MB.
/// </summary>
[Collection(BulkWork.Name)]
public sealed class SpendingBulkImportTests(ITestOutputHelper output)
{
    private const int Records = 50_000;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One test for both acceptance points of the 50,000-line import (progress and the journal; a crash half-way and the
    /// retry): each run moves 50,000 events through three subscriptions, minutes of a 2-core CI machine.
    /// </summary>
    [Fact]
    public async Task A_50000_line_import_with_a_crash_half_way_completes_shows_progress_and_journals_every_entry_exactly_once()
    {
        await using var system = await ReadyAsync();
        var before = (long)(await VerifyAsync(system, "achterhoek"))["entries"]!;
        var csv = Compact(Records);
        var clock = Stopwatch.StartNew();

        var location = await StartImportAsync(system, "achterhoek", csv);
        var accepted = clock.Elapsed;
        var seen = new List<JObject>();
        await HalfWayAsync(system, location, seen);
        var halfWay = clock.Elapsed;
        system.Host.Faults.CrashAfterWriteBeforeReply("ProcessSpendingImport", 2);
        var job = await WaitForImportAsync(system, location, JobTimeout, seen);
        var completed = clock.Elapsed;
        await system.IdleAsync(JobTimeout);
        output.WriteLine($"{Records} records, {Encoding.UTF8.GetByteCount(csv)} bytes: 202 after {accepted.TotalSeconds:F1} s, half-way after {halfWay.TotalSeconds:F1} s, "
            + $"completed after {completed.TotalSeconds:F1} s, every message handled after {clock.Elapsed.TotalSeconds:F1} s; {seen.Count} polls.");

        Assert.Equal(0, system.Host.Faults.PendingCrashes("ProcessSpendingImport"));
        Assert.Equal(("completed", Records, Records), ((string?)job["status"], (int)job["records"]!, (int)job["processed"]!));
        var progress = seen.Select(s => (int)s["processed"]!).ToList();
        Assert.Contains(seen, s => (string?)s["status"] == "writing" && (int)s["processed"]! is > 0 and < Records);
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(Records, await LedgerRowsAsync(system));
        Assert.Equal(before + Records, (long)(await VerifyAsync(system, "achterhoek"))["entries"]!);
        var journaled = (await WholeJournalAsync(system, "achterhoek")).Where(e => (string?)e["entry"]!["type"] == "SpendingRecorded")
            .Select(e => (string)e["entry"]!["data"]!["entryId"]!).ToList();
        Assert.Equal(Records, journaled.Count);
        Assert.Equal(Records, journaled.Distinct().Count());
        AssertNothingDeadLettered(system);
    }

    [Fact]
    public async Task A_file_above_50000_records_is_413_with_the_limit_and_nothing_is_written()
    {
        await using var system = await ReadyAsync();

        var refused = await system.Api.PostCsvAsync($"{SpendingPath("achterhoek")}/import", DisbursementWorld.KassierOf("achterhoek"), Compact(Records + 1));

        Assert.True(refused.Status == HttpStatusCode.RequestEntityTooLarge && refused.MediaType == "application/problem+json", refused.ToString());
        Assert.Equal(("import-too-large", Records), ((string?)refused.Json["type"], (int)refused.Json["maxRecords"]!));
        Assert.Equal(0, await LedgerRowsAsync(system));
    }

    private static async Task<TestSystem> ReadyAsync()
    {
        var system = await TestSystem.StartAsync();
        var designated = await system.Api.PutAsync("regions/achterhoek/kassier", Principals.Coordinator, Requests.Doetinchem());
        Assert.Equal(HttpStatusCode.OK, designated.Status);
        await ProgrammeAsync(system, ["achterhoek"], "bk");
        return system;
    }

    /// <summary>About 80 bytes a record: 50,001 records stay under the local host's 4 MiB body limit.</summary>
    private static string Compact(int records)
    {
        var text = new StringBuilder(records * 82);
        text.Append(string.Join(',', CsvText.Columns)).Append('\n');
        for (var i = 0; i < records; i++)
        {
            text.Append(Guid.NewGuid().ToString()).Append(",bk,2025-").Append((1 + (i % 12)).ToString("D2", CultureInfo.InvariantCulture)).Append("-01,")
                .Append((1 + (i % 9)).ToString(CultureInfo.InvariantCulture)).Append(".00,0.00,0.00,other,X,,d,,\n");
        }
        Assert.True(text.Length < 4 * 1024 * 1024, $"{text.Length} bytes");
        return text.ToString();
    }

    /// <summary>Polls the job (bounded) until half its records are processed.</summary>
    private static async Task HalfWayAsync(TestSystem system, string location, List<JObject> seen)
    {
        var deadline = DateTimeOffset.UtcNow + JobTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var job = (await system.Api.GetAsync(location["/api/".Length..], Principals.Auditor)).Json;
            seen.Add(job);
            Assert.Contains((string?)job["status"], new[] { "checking", "writing" });
            if ((int)job["processed"]! >= Records / 2) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The import never got half-way.");
    }

    private static async Task<int> LedgerRowsAsync(TestSystem system)
    {
        var count = 0;
        var filter = "PartitionKey eq 'achterhoek' and RowKey ge 'ledger|' and RowKey lt 'ledger}'";
        await foreach (var _ in system.Table("Journal").QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"])) count++;
        return count;
    }

    private static void AssertNothingDeadLettered(TestSystem system)
    {
        foreach (var path in system.Host.Broker.EntityPaths)
            Assert.True(system.Host.Broker.DeadLetters(path).Count == 0, $"{path}: {string.Join("; ", system.Host.Broker.DeadLetters(path).Select(d => d.ToString()))}");
    }
}

/// <summary>
/// The 50,000-line import saturates both cores for minutes; it runs alone, after the parallel classes, so their
/// bounded waits are not starved by it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BulkWork
{
    public const string Name = "Bulk work (runs alone)";
}
