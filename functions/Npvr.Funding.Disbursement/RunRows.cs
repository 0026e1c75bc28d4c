using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// Issue runs of a programme year in partition "runs|{programme}|{year}" (where the POST's idempotency record lives
/// too): row "run|{runId}" holds the plan as answered to Finance, and one row "line|{runId}|{regionId}" per region
/// whose outcome changed since (each region's messages update only their own row, so regions finishing at once do not
/// contend). A run id is "{programme}.{year}.{random}", so the id alone finds its partition.
/// </summary>
internal static class RunRows
{
    private const string RunPrefix = "run|";
    private const string LinePrefix = "line|";
    private const int MaxAttempts = 8;

    public static string Partition(string programmeId, int year) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"runs|{programmeId}|{year}");

    public static string NewRunId(string programmeId, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{programmeId}.{year}.{Guid.NewGuid():N}");

    /// <summary>The partition of a run id made by <see cref="NewRunId"/>, or null for anything else.</summary>
    public static string? PartitionOf(string? runId)
    {
        var parts = runId?.Split('.');
        return parts is { Length: 3 } && Domain.Allocation.Programmes.IsValidId(parts[0]) && parts[1].Length == 4 && parts[1].All(char.IsAsciiDigit)
            && parts[2].Length == 32 && parts[2].All(char.IsAsciiHexDigitLower)
            ? $"runs|{parts[0]}|{parts[1]}"
            : null;
    }

    public static TableEntity ToEntity(IssueRun run, string startedBy) => new(Partition(run.ProgrammeId, run.Year), RunPrefix + run.RunId)
    {
        ["ProgrammeId"] = run.ProgrammeId,
        ["Year"] = run.Year,
        ["StartedAt"] = run.StartedAt,
        ["StartedBy"] = startedBy,
        ["Plan"] = FundingJson.Serialize(run.Regions),
    };

    /// <summary>The run with every region's latest outcome, or null when there is no such run.</summary>
    public static async Task<IssueRun?> ReadAsync(TableClient table, string runId, CancellationToken cancellationToken)
    {
        if (PartitionOf(runId) is not { } partition) return null;
        IssueRun? run = null;
        var lines = new List<RegionRun>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {RunPrefix + runId} or (RowKey ge {LinePrefix + runId + "|"} and RowKey lt {LinePrefix + runId + "}"}))");
        // A run has one line per region of its programme: bounded by the number of regions.
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(RunPrefix, StringComparison.Ordinal))
                run = new IssueRun(runId, row.GetString("ProgrammeId")!, row.GetInt32("Year") ?? 0, row.GetDateTimeOffset("StartedAt")!.Value,
                    FundingJson.Deserialize<List<RegionRun>>(row.GetString("Plan")!));
            else if (row.RowKey.StartsWith(LinePrefix, StringComparison.Ordinal)) lines.Add(FundingJson.Deserialize<RegionRun>(row.GetString("Line")!));
        }
        return run is null ? null : lines.Aggregate(run, IssueRuns.Record);
    }

    /// <summary>Records a region's later outcome; outcomes only move forward, so a repeated or late message changes nothing.</summary>
    public static async Task RecordAsync(TableClient table, string runId, RegionRun outcome, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(runId) ?? throw new InvalidOperationException($"'{runId}' is not a run id.");
        var rowKey = LinePrefix + runId + "|" + outcome.RegionId;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
            var current = existing.HasValue ? FundingJson.Deserialize<RegionRun>(existing.Value!.GetString("Line")!) : null;
            if (current is not null && outcome.Outcome < current.Outcome) return;
            var entity = new TableEntity(partition, rowKey) { ["Line"] = FundingJson.Serialize(outcome) };
            var write = new PartitionWrite(partition).Replace(entity, existing.HasValue ? existing.Value!.ETag : default);
            if (await TableCommit.CommitAsync(table, write, cancellationToken) == CommitOutcome.Committed) return;
        }
        throw new InvalidOperationException($"Run {runId}: the line of {outcome.RegionId} kept changing underneath.");
    }
}
