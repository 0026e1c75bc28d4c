using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// An app's projection of YearClosed (issue 9): one row per closed programme-year ("closed-year|{programmeId}",
/// RowKey the year), upserted by any region's YearClosed (the close is programme-wide and an upsert of the same row is
/// harmless again), read by the deciders that take <c>yearClosed</c>.
/// </summary>
public static class ClosedYearRows
{
    public static string Partition(string programmeId) => "closed-year|" + programmeId;

    private static string Row(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<CommitOutcome> ApplyAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var programmeId = envelope.ProgrammeId ?? throw new PermanentFailureException($"YearClosed {envelope.EventId} names no programme.");
        var year = envelope.Data["year"]?.ToObject<int?>() ?? throw new PermanentFailureException($"YearClosed {envelope.EventId} names no year.");
        await table.UpsertEntityAsync(new TableEntity(Partition(programmeId), Row(year)) { ["ClosedAt"] = envelope.OccurredAt }, TableUpdateMode.Replace, cancellationToken);
        return CommitOutcome.Committed;
    }

    public static async Task<bool> IsClosedAsync(TableClient table, string programmeId, int year, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(Partition(programmeId), Row(year), ["ClosedAt"], cancellationToken)).HasValue;
}
