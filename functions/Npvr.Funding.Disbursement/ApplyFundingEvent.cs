using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// ApplyFundingEvent (funding-events / disbursement-events): Disbursement's projections of other apps' events
/// (programmes, kassiers, the latest allocation of each region-year) and the rest of the issue saga: on TrancheAdmitted
/// the freeze is requested from Allocation (on TrancheAdmissionRefused the run shows the region blocked year-closed); on
/// AllocationFrozen the tranche is inserted if absent and TrancheIssued announced; on AllocationFreezeRefused the run
/// shows the region blocked with Allocation's reason.
/// </summary>
public sealed class ApplyFundingEvent(DisbursementStore store, EventConsumption consumption, TimeProvider clock) : IFunction
{
    public const string Consumer = "disbursement";

    public string Name => nameof(ApplyFundingEvent);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("message"));
        var table = await store.TableAsync(cancellationToken);
        var outcome = envelope.Type switch
        {
            EventTypes.ProgrammeDefined => await ProjectProgrammeAsync(table, envelope, cancellationToken),
            EventTypes.KassierDesignated or EventTypes.KassierDesignationWithdrawn => await KassierProjection.ApplyAsync(consumption, table, envelope, cancellationToken),
            EventTypes.StaffAuthorised or EventTypes.StaffWithdrawn => await StaffProjection.ApplyAsync(consumption, table, envelope, cancellationToken),
            EventTypes.AllocationDetermined => await ProjectAllocationAsync(table, envelope, cancellationToken),
            EventTypes.TrancheAdmitted => await RequestFreezeAsync(table, envelope, cancellationToken),
            EventTypes.TrancheAdmissionRefused => await RecordAdmissionRefusalAsync(table, envelope, cancellationToken),
            EventTypes.AllocationFrozen => await IssueAsync(table, envelope, cancellationToken),
            EventTypes.AllocationFreezeRefused => await RecordRefusalAsync(table, envelope, cancellationToken),
            EventTypes.YearClosed => await ClosedYearRows.ApplyAsync(table, envelope, cancellationToken),
            _ => (CommitOutcome?)null,
        };
        return new InvocationResult().Log($"{envelope.Type} {envelope.EventId}: {outcome?.ToString() ?? "not applicable"}.");
    }

    private async Task<CommitOutcome> ProjectProgrammeAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var p = envelope.DataAs<ProgrammeDefined>();
        var programme = new Programme(p.ProgrammeId, p.Name, p.Instrument, p.Fund, p.Years, p.Regions, p.GrossPerRegionPerYear);
        // A programme is defined once (Allocation refuses another definition), so its row is inserted, never replaced.
        return await consumption.CommitAsync(table, ProgrammeRows.Partition(p.ProgrammeId), Consumer, envelope,
            async ct => await DisbursementStore.ProgrammeAsync(table, p.ProgrammeId, ct) is null ? new PartitionWrite(ProgrammeRows.Partition(p.ProgrammeId)).Insert(ProgrammeRows.ToEntity(programme)) : null,
            cancellationToken);
    }

    private async Task<CommitOutcome> ProjectAllocationAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var a = envelope.DataAs<AllocationDetermined>();
        var partition = DisbursementStore.RegionYearPartition(a.ProgrammeId, a.Year, a.RegionId);
        return await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var state = await DisbursementStore.RegionYearAsync(table, a.ProgrammeId, a.Year, a.RegionId, ct);
            // Ordered by the allocation's version, never by arrival: a late older version changes nothing.
            if (state.Allocation is { } known && known.Version >= a.Version) return new PartitionWrite(partition);
            var facts = new AllocationFacts(a.Version, a.Gross, a.NetDu, a.BcfDeposit);
            return new PartitionWrite(partition).Replace(TrancheRows.AllocationEntity(partition, facts), state.AllocationETag);
        }, cancellationToken);
    }

    private async Task<CommitOutcome> IssueAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var frozen = envelope.DataAs<AllocationFrozen>().ToFrozen();
        var programme = await DisbursementStore.ProgrammeAsync(table, frozen.ProgrammeId, cancellationToken)
            ?? throw new PermanentFailureException($"AllocationFrozen {envelope.EventId} names programme {frozen.ProgrammeId}, unknown to Disbursement.");
        var partition = DisbursementStore.RegionYearPartition(frozen.ProgrammeId, frozen.Year, frozen.RegionId);
        RegionRun? line = null;
        var outcome = await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var answer = await AnswerFreezeAsync(table, programme, frozen, envelope, ct);
            line = answer.RunLine;
            var write = new PartitionWrite(partition);
            if (answer.Decision is not { } decision) return write;
            if (decision.Created) write.Insert(TrancheRows.ToEntity(partition, decision.Tranche));
            foreach (var e in DisbursementEvents.Of(decision)) write.Publish(OutboxMessage.Event(Announce(e, frozen.RegionId, frozen.ProgrammeId, envelope)));
            return write;
        }, cancellationToken);
        // Whether this delivery or an earlier one decided, the run that asked learns the outcome (outcomes only move
        // forward); a delivery that found its work done decides again on what is stored, and records only what exists.
        if (outcome != CommitOutcome.Committed)
        {
            var again = await AnswerFreezeAsync(table, programme, frozen, envelope, cancellationToken);
            line = again.Decision is { Created: true } ? null : again.RunLine;
        }
        if (line is not null) await RunRows.RecordAsync(table, frozen.RunId, line, cancellationToken);
        return outcome;
    }

    private async Task<IssueAnswer> AnswerFreezeAsync(TableClient table, Programme programme, FrozenAllocation frozen, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var state = await DisbursementStore.RegionYearAsync(table, frozen.ProgrammeId, frozen.Year, frozen.RegionId, cancellationToken);
        var pending = state.PendingFor(frozen.TrancheId)
            ?? throw new PermanentFailureException($"AllocationFrozen {envelope.EventId} answers a freeze of {frozen.TrancheId} that Disbursement never asked for.");
        var yearClosed = await ClosedYearRows.IsClosedAsync(table, frozen.ProgrammeId, frozen.Year, cancellationToken);
        return Tranches.AnswerFreeze(state.Tranches, frozen, pending.Kassier, programme.Fund, yearClosed, clock.GetUtcNow());
    }

    /// <summary>Spending admitted the tranche (its year is open): ask Allocation to freeze the version decided with it.</summary>
    private async Task<CommitOutcome> RequestFreezeAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var admitted = envelope.DataAs<TrancheAdmitted>();
        var partition = DisbursementStore.RegionYearPartition(admitted.ProgrammeId, admitted.Year, admitted.RegionId);
        return await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var state = await DisbursementStore.RegionYearAsync(table, admitted.ProgrammeId, admitted.Year, admitted.RegionId, ct);
            var pending = state.PendingFor(admitted.TrancheId)
                ?? throw new PermanentFailureException($"TrancheAdmitted {envelope.EventId} admits {admitted.TrancheId}, which Disbursement never asked for.");
            var freeze = envelope.Causes(CommandTypes.FreezeAllocation, admitted.Freeze(pending), clock.GetUtcNow(), admitted.RegionId, admitted.ProgrammeId);
            return new PartitionWrite(partition).Publish(new OutboxMessage(ProcessIssuing.AllocationCommands, freeze));
        }, cancellationToken);
    }

    private static async Task<CommitOutcome> RecordAdmissionRefusalAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var refused = envelope.DataAs<TrancheAdmissionRefused>();
        await RunRows.RecordAsync(table, refused.RunId, refused.RunLine(), cancellationToken);
        return CommitOutcome.Committed;
    }

    private static async Task<CommitOutcome> RecordRefusalAsync(TableClient table, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var refused = envelope.DataAs<AllocationFreezeRefused>();
        await RunRows.RecordAsync(table, refused.RunId, refused.RunLine(), cancellationToken);
        return CommitOutcome.Committed;
    }

    private EventEnvelope Announce(OutgoingEvent e, string regionId, string programmeId, EventEnvelope cause) =>
        cause.Causes(e.Type, e.Data, clock.GetUtcNow(), regionId, programmeId);
}
