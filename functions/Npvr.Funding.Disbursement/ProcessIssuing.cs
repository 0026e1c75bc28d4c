using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// ProcessIssuing (queue tranche-issuing): one region of an issue run. Decides again on the facts of now; a region
/// that may be paid gets a pending row (the kassier and fund decided now) and an AdmitTranche command to Spending (which
/// seals years: only a tranche it admits is frozen and issued), committed together with the inbox record; otherwise
/// the run's line records why not.
/// </summary>
public sealed class ProcessIssuing(DisbursementStore store, EventConsumption consumption, TimeProvider clock) : IFunction
{
    public const string Consumer = "issuing";
    public const string AllocationCommands = "allocation-commands";
    public const string SpendingCommands = "spending-commands";

    public string Name => nameof(ProcessIssuing);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("command"));
        if (envelope.Type != CommandTypes.IssueTranche)
            throw new PermanentFailureException($"tranche-issuing carries IssueTranche only, not {envelope.Type}.");
        var command = EventMessages.DataOf<IssueTranche>(envelope);
        var table = await store.TableAsync(cancellationToken);
        var programme = await DisbursementStore.ProgrammeAsync(table, command.ProgrammeId, cancellationToken)
            ?? throw new PermanentFailureException($"IssueTranche {envelope.EventId} names programme {command.ProgrammeId}, unknown to Disbursement.");
        RegionRun? line = null;
        var partition = DisbursementStore.RegionYearPartition(command.ProgrammeId, command.Year, command.RegionId);
        var outcome = await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var now = clock.GetUtcNow();
            var facts = await DisbursementStore.FactsAsync(table, command.ProgrammeId, command.Year, command.RegionId, BusinessDate.InAmsterdam(now), ct);
            var yearClosed = await ClosedYearRows.IsClosedAsync(table, command.ProgrammeId, command.Year, ct);
            var decision = EventMessages.Decide(() => IssueRuns.DecideRegion(programme, command.Year, yearClosed, facts, command.RunId), $"IssueTranche for {command.RegionId}");
            line = decision.Run;
            if (decision.Pending is not { } pending) return null;
            var admit = envelope.Causes(CommandTypes.AdmitTranche, AdmitTranche.For(pending), now, command.RegionId, command.ProgrammeId);
            return new PartitionWrite(partition).Upsert(TrancheRows.PendingEntity(partition, pending)).Publish(new OutboxMessage(SpendingCommands, admit));
        }, cancellationToken);
        if (outcome == CommitOutcome.AlreadyDone) line = null; // decided again on a repeated delivery: its first delivery recorded the line
        if (line is not null && line.Outcome != RunOutcome.Queued) await RunRows.RecordAsync(table, command.RunId, line, cancellationToken);
        return new InvocationResult().Log($"IssueTranche {command.RegionId} of run {command.RunId}: {(line is null ? "already handled" : TrancheNames.Of(line.Outcome))}.");
    }
}
