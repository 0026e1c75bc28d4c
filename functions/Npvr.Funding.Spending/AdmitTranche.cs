using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// AdmitTranche (queue spending-commands): Disbursement asks whether a run may issue a tranche. Spending seals years,
/// so it alone can answer without a race: the answer is committed in the region's journal partition under the
/// region-year's mark (a stripe, as every Spending write of the year takes it), together with the inbox record and the
/// staged answer event. A close that marked the year closing first makes this a refusal; an admission committed first is
/// linked before the close seals, and the close then finds the tranche in flight (an open item) until its TrancheIssued
/// is journaled. The answer, TrancheAdmitted or TrancheAdmissionRefused, goes to funding-events (Disbursement acts on
/// it) and into the journal with the admission.
/// </summary>
public sealed class AdmitTranche(JournalStore journal, EventConsumption consumption, JournalLinker linker, TimeProvider clock) : IFunction
{
    public const string Consumer = "spending-commands";

    public string Name => nameof(AdmitTranche);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("command"));
        if (envelope.Type != CommandTypes.AdmitTranche)
            throw new PermanentFailureException($"spending-commands carries AdmitTranche only, not {envelope.Type}.");
        var command = EventMessages.DataOf<Contracts.AdmitTranche>(envelope);
        if (!Domain.Regions.Exists(command.RegionId))
            throw new PermanentFailureException($"AdmitTranche {envelope.EventId} names region '{command.RegionId}', which does not exist.");
        var table = await journal.TableAsync(cancellationToken);
        string? answered = null;
        var outcome = await consumption.CommitAsync(table, command.RegionId, Consumer, envelope, async ct =>
        {
            var mark = await YearMarks.ReadForWriteAsync(table, command.RegionId, command.ProgrammeId, command.Year, YearMarks.StripeOf(command.TrancheId), ct);
            var yearOpen = !(mark.Closed || mark.Closing);
            var answer = command.Answer(yearOpen);
            var now = clock.GetUtcNow();
            var announced = envelope.Causes(answer.Type, answer.Data, now, command.RegionId, command.ProgrammeId);
            answered = answer.Type;
            var write = new PartitionWrite(command.RegionId);
            if (yearOpen) write.TouchOpen(mark);
            return write.Stage(announced, now, 0).Publish(OutboxMessage.Event(announced));
        }, cancellationToken);
        await linker.LinkAsync(command.RegionId, cancellationToken);
        return new InvocationResult().Log($"AdmitTranche {command.TrancheId} of run {command.RunId}: {(outcome == CommitOutcome.Committed ? answered : outcome.ToString())}.");
    }
}
