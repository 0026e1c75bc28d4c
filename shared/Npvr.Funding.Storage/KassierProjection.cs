using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Storage;

/// <summary>
/// An app's own copy of the kassier designations, built from KassierDesignated events (apps never read each
/// other's tables). Partition "kassier|{regionId}", one row per designation keyed by when it was made, so
/// events arriving out of order still give the history in order.
/// </summary>
public static class KassierProjection
{
    public const string Consumer = "kassiers";
    private const string Prefix = "des|";
    /// <summary>
    /// Registration's own bound on a region's history (DesignationStore.MaxHistoryRows): a copy never holds more. The whole
    /// copy is read per check; a head row like Registration's would make that one point read (issue 15, not done here).
    /// </summary>
    private const int MaxDesignations = 100_000;

    public static string Partition(string regionId) => "kassier|" + regionId;

    /// <summary>Rows to write for one KassierDesignated event (the inbox record is added by <see cref="EventConsumption"/>).</summary>
    public static PartitionWrite Apply(EventEnvelope envelope)
    {
        var e = envelope.DataAs<KassierDesignated>();
        var designation = new Designation(e.RegionId, OrganisationCode.Parse(e.OrganisationCode), e.OrganisationName, e.EffectiveFrom,
            e.ContactEmail, e.DesignatedAt, e.DesignatedBy);
        var rowKey = $"{Prefix}{e.DesignatedAt.UtcTicks:D19}|{envelope.EventId}";
        return new PartitionWrite(Partition(e.RegionId)).Insert(DesignationRows.ToEntity(Partition(e.RegionId), rowKey, designation));
    }

    /// <summary>Applies one KassierDesignated event with its inbox record.</summary>
    public static Task<CommitOutcome> ApplyAsync(EventConsumption consumption, TableClient table, EventEnvelope envelope, CancellationToken cancellationToken) =>
        consumption.CommitAsync(table, Partition(envelope.RegionId ?? ""), Consumer, envelope, _ => Task.FromResult<PartitionWrite?>(Apply(envelope)), cancellationToken);

    /// <summary>The organisation code of the kassier in force on <paramref name="date"/>, or null.</summary>
    public static async Task<string?> InForceAsync(TableClient table, string regionId, DateOnly date, CancellationToken cancellationToken)
    {
        var filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {Partition(regionId)}")} and {RowKeys.RangeFilter(Prefix)}";
        var history = await DesignationRows.QueryAsync(table, filter, MaxDesignations, cancellationToken);
        return KassierDesignations.InForceOn(history, date)?.Organisation.Value;
    }
}
