using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// POST /regions/{regionId}/spending: the region's kassier in force. Checks every rule of the entry before reading the
/// ledger (a refusal lists every refused field), then records it with SpendingRecorded and its staged journal row in
/// one transaction. The entryId is the idempotency key: the same body again answers the first 201, another body 409.
/// </summary>
public sealed class RecordSpendingEntry(JournalStore journal, SpendingStore spending, HttpWrites writes, JournalLinker linker, OwnEvents own, TimeProvider clock,
    Interleavings interleavings) : HttpFunction
{
    /// <summary>Interleaving point: the write has read its year mark (open) and not yet committed.</summary>
    public const string YearMarkRead = nameof(RecordSpendingEntry) + ".year-mark-read";

    /// <summary>Interleaving point: the entry is committed (staged in the journal), not yet linked, not yet answered.</summary>
    public const string Committed = nameof(RecordSpendingEntry) + ".committed";

    public override string Name => nameof(RecordSpendingEntry);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Kassier);
        var regionId = SpendingRoutes.Region(call);
        var projections = await spending.TableAsync(cancellationToken);
        // Access first: a caller who may not act for the region learns nothing from how its body would be judged.
        await SpendingAccess.RequireKassierOfAsync(call, projections, regionId, clock, cancellationToken);
        var body = call.ReadBody<RecordSpending>();
        var table = await journal.TableAsync(cancellationToken);
        var closed = await YearMarks.ClosedAsync(table, regionId, cancellationToken);
        var programmes = await SpendingStore.ProgrammeOfAsync(projections, regionId, body.ProgrammeId, closed, cancellationToken);
        var validated = SpendingEntries.Record(body, new SpendingContext(regionId, BusinessDate.InAmsterdam(clock.GetUtcNow()), programmes));
        if (!validated.IsValid) return Respond(SpendingProblems.Fields(validated.Errors));

        var result = await writes.CommitAsync(table, regionId, call, async ct =>
        {
            if (await LedgerRows.FindAsync(table, regionId, validated.Value.EntryId, ct) is { } existing)
            {
                SpendingEntries.EnsureSameBody(existing.Entry, body);
                return new WritePlan(new PartitionWrite(regionId), [], HttpResult.Json(201, EntryView.From(existing)));
            }
            var mark = await YearMarks.ReadForWriteAsync(table, regionId, validated.Value.ProgrammeId, validated.Value.Year, YearMarks.StripeOf(validated.Value.EntryId), ct);
            await interleavings.ReachedAsync(YearMarkRead, ct);
            var (recorded, envelope) = LedgerRows.Announce(validated.Value, clock.GetUtcNow(), call.Actor, call.CorrelationId, call.InvocationId);
            var write = new PartitionWrite(regionId).TouchOpen(mark).Record(recorded, envelope, ordinal: 0);
            own.Staged([envelope.EventId]); // before the commit is safe: an event whose write fails never reaches the bus
            return new WritePlan(write, [envelope], HttpResult.Json(201, EntryView.From(recorded)));
        }, cancellationToken);
        await interleavings.ReachedAsync(Committed, cancellationToken);
        await linker.LinkAsync(regionId, cancellationToken);
        return result;
    }
}
