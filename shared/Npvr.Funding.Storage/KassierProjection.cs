using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Storage;

/// <summary>
/// An app's own copy of the kassier designations, built from KassierDesignated and KassierDesignationWithdrawn events
/// (apps never read each other's tables). Partition "kassier|{regionId}": one row per designation keyed by when it was
/// made, so events arriving out of order still give the history in order, and one row per withdrawal keyed by when
/// the designation it withdraws was made, so a withdrawal that arrives before its designation still withdraws it.
/// </summary>
public static class KassierProjection
{
    public const string Consumer = "kassiers";
    private const string Prefix = "des|";
    private const string WithdrawalPrefix = "wdr|";
    /// <summary>
    /// Registration's own bound on a region's history (DesignationStore.MaxHistoryRows): a copy never holds more, nor
    /// more withdrawals (one per designation at most). The whole copy is read per check; a head row like
    /// Registration's would make that one point read (issue 15, not done here).
    /// </summary>
    private const int MaxDesignations = 100_000;

    public static bool Concerns(EventEnvelope envelope) =>
        envelope.Type is EventTypes.KassierDesignated or EventTypes.KassierDesignationWithdrawn;

    public static string Partition(string regionId) => "kassier|" + regionId;

    /// <summary>Rows to write for one designation or withdrawal (the inbox record is added by <see cref="EventConsumption"/>).</summary>
    public static PartitionWrite Apply(EventEnvelope envelope) => envelope.Type switch
    {
        EventTypes.KassierDesignated => ApplyDesignated(envelope),
        EventTypes.KassierDesignationWithdrawn => ApplyWithdrawn(envelope),
        _ => throw new ArgumentException($"Event {envelope.EventId} of type {envelope.Type} is no kassier event.", nameof(envelope)),
    };

    /// <summary>Applies one designation or withdrawal with its inbox record.</summary>
    public static Task<CommitOutcome> ApplyAsync(EventConsumption consumption, TableClient table, EventEnvelope envelope, CancellationToken cancellationToken) =>
        consumption.CommitAsync(table, Partition(envelope.RegionId ?? ""), Consumer, envelope, _ => Task.FromResult<PartitionWrite?>(Apply(envelope)), cancellationToken);

    /// <summary>The organisation code of the kassier in force on <paramref name="date"/>, or null; withdrawn designations never are.</summary>
    public static async Task<string?> InForceAsync(TableClient table, string regionId, DateOnly date, CancellationToken cancellationToken)
    {
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(regionId)}");
        var history = DesignationRows.QueryAsync(table, $"{partition} and {RowKeys.RangeFilter(Prefix)}", MaxDesignations, cancellationToken);
        var withdrawals = WithdrawalRows.QueryAsync(table, $"{partition} and {RowKeys.RangeFilter(WithdrawalPrefix)}", MaxDesignations, cancellationToken);
        await Task.WhenAll(history, withdrawals);
        return KassierDesignations.InForceOn(await history, await withdrawals, date)?.Organisation.Value;
    }

    private static PartitionWrite ApplyDesignated(EventEnvelope envelope)
    {
        var e = envelope.DataAs<KassierDesignated>();
        var designation = new Designation(e.RegionId, OrganisationCode.Parse(e.OrganisationCode), e.OrganisationName, e.EffectiveFrom,
            e.ContactEmail, e.DesignatedAt, e.DesignatedBy);
        var rowKey = $"{Prefix}{e.DesignatedAt.UtcTicks:D19}|{envelope.EventId}";
        return new PartitionWrite(Partition(e.RegionId)).Insert(DesignationRows.ToEntity(Partition(e.RegionId), rowKey, designation));
    }

    private static PartitionWrite ApplyWithdrawn(EventEnvelope envelope)
    {
        var e = envelope.DataAs<KassierDesignationWithdrawn>();
        var withdrawal = new DesignationWithdrawal(e.RegionId, OrganisationCode.Parse(e.OrganisationCode), e.EffectiveFrom, e.DesignatedAt,
            e.Reason, e.WithdrawnAt, e.WithdrawnBy);
        var rowKey = $"{WithdrawalRows.Key(WithdrawalPrefix, e.DesignatedAt)}|{envelope.EventId}";
        return new PartitionWrite(Partition(e.RegionId)).Insert(WithdrawalRows.ToEntity(Partition(e.RegionId), rowKey, withdrawal));
    }
}
