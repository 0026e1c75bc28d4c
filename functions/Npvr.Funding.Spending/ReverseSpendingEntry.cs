using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// POST /regions/{regionId}/spending/{entryId}/reversal {reason}: the region's kassier in force. Records the reversal
/// (ReversalIds.Of(entryId), the original's figures negated) with SpendingReversed. The same reason again answers the
/// first 201; reversing again with another reason, or reversing a reversal, is 409.
/// </summary>
public sealed class ReverseSpendingEntry(JournalStore journal, SpendingStore spending, HttpWrites writes, JournalLinker linker, OwnEvents own, TimeProvider clock) : HttpFunction
{
    public override string Name => nameof(ReverseSpendingEntry);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Kassier);
        var regionId = SpendingRoutes.Region(call);
        var entryId = SpendingRoutes.EntryId(call);
        // Access first: a caller who may not act for the region learns nothing from how its body would be judged.
        await SpendingAccess.RequireKassierOfAsync(call, await spending.TableAsync(cancellationToken), regionId, clock, cancellationToken);
        var reason = call.ReadBody<ReversalRequest>().Reason;
        var refused = new List<FieldError>();
        SpendingText.Required("reason", "reason", reason, SpendingText.MaxReasonLength, multiLine: true, refused);
        if (refused.Count > 0) return Respond(SpendingProblems.Fields(refused));

        var table = await journal.TableAsync(cancellationToken);
        var result = await writes.CommitAsync(table, regionId, call, async ct =>
        {
            var original = await LedgerRows.FindAsync(table, regionId, entryId, ct)
                ?? throw new DomainException(DomainError.NotFound("entry-not-found", $"Region {regionId} has no entry {entryId}."));
            var existing = await LedgerRows.FindAsync(table, regionId, ReversalIds.Of(entryId), ct);
            var mark = await YearMarks.ReadForWriteAsync(table, regionId, original.Entry.ProgrammeId, original.Entry.Year, YearMarks.StripeOf(entryId), ct);
            var decision = SpendingEntries.Reverse(original.Entry, existing?.Entry, reason, mark.Closed || mark.Closing ? new HashSet<int> { mark.Year } : new HashSet<int>());
            if (decision.IsReplay) return new WritePlan(new PartitionWrite(regionId), [], HttpResult.Json(201, EntryView.From(existing!)));
            var (recorded, envelope) = LedgerRows.Announce(decision.Reversal, clock.GetUtcNow(), call.Actor, call.CorrelationId, call.InvocationId);
            var write = new PartitionWrite(regionId).TouchOpen(mark).Record(recorded, envelope, ordinal: 0);
            own.Staged([envelope.EventId]); // before the commit is safe: an event whose write fails never reaches the bus
            return new WritePlan(write, [envelope], HttpResult.Json(201, EntryView.From(recorded)));
        }, cancellationToken);
        await linker.LinkAsync(regionId, cancellationToken);
        return result;
    }

    private sealed record ReversalRequest(string? Reason);
}
