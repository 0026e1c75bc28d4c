using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// An issue run in partition "run|{runId}": the row "run" holds the plan as answered to Finance, and one row
/// "line|{regionId}" per region whose outcome changed since (each region's messages update only their own row, so
/// eleven regions finishing at once do not contend).
/// </summary>
internal static class RunRows
{
    private const string RunRow = "run";
    private const string LinePrefix = "line|";
    private const int MaxAttempts = 8;

    public static string Partition(string runId) => "run|" + runId;

    public static TableEntity ToEntity(IssueRun run, string startedBy) => new(Partition(run.RunId), RunRow)
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
        IssueRun? run = null;
        var lines = new List<RegionRun>();
        // A run has one line per region of its programme: bounded by the number of regions.
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(runId)}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.RowKey == RunRow)
                run = new IssueRun(runId, row.GetString("ProgrammeId")!, row.GetInt32("Year") ?? 0, row.GetDateTimeOffset("StartedAt")!.Value,
                    FundingJson.Deserialize<List<RegionRun>>(row.GetString("Plan")!));
            else if (row.RowKey.StartsWith(LinePrefix, StringComparison.Ordinal)) lines.Add(FundingJson.Deserialize<RegionRun>(row.GetString("Line")!));
        }
        return run is null ? null : lines.Aggregate(run, IssueRuns.Record);
    }

    /// <summary>Records a region's later outcome; outcomes only move forward, so a repeated or late message changes nothing.</summary>
    public static async Task RecordAsync(TableClient table, string runId, RegionRun outcome, CancellationToken cancellationToken)
    {
        var partition = Partition(runId);
        var rowKey = LinePrefix + outcome.RegionId;
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
