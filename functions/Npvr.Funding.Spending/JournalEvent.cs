using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// JournalEvent (funding-events / spending-journal): puts every event about a region into that region's journal, and
/// keeps Spending's projections of programmes (ProgrammeDefined) and kassiers (KassierDesignated and
/// KassierDesignationWithdrawn). Another app's event
/// is staged with the inbox record in one transaction (a redelivery finds the record and stages nothing), then the
/// region's journal is linked (JournalLinker). Spending's own SpendingRecorded and SpendingReversed were staged with
/// their entry, which names the event, and linked by their writer (so were YearClosed, TrancheAdmitted and
/// TrancheAdmissionRefused, with the mark or the outbox row): they are neither staged nor linked again (what a
/// writer that crashed before linking left staged, LinkJournals links).
/// </summary>
public sealed class JournalEvent(JournalStore store, SpendingStore spending, EventConsumption consumption, JournalLinker linker, OwnEvents own, TimeProvider clock) : IFunction
{
    public const string ProgrammesConsumer = "programmes";

    public string Name => nameof(JournalEvent);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var body = invocation.MessageBody("message");
        var envelope = EventMessages.Read(body);
        var result = new InvocationResult();
        if (envelope.Type is EventTypes.ProgrammeDefined || KassierProjection.Concerns(envelope) || StaffProjection.Concerns(envelope))
            result.Log($"{envelope.Type} {envelope.EventId} projected: {await ProjectAsync(envelope, cancellationToken)}.");
        if (envelope.RegionId is not { Length: > 0 } regionId)
            return result.Log($"Event {envelope.EventId} ({envelope.Type}) concerns no region; not journaled.");
        if (!Domain.Regions.Exists(regionId))
            throw new PermanentFailureException($"Event {envelope.EventId} ({envelope.Type}) names region '{regionId}', which does not exist.");
        var received = Received(envelope, body);
        var table = await store.TableAsync(cancellationToken);
        if (await JournaledWithItsEntryAsync(table, regionId, envelope, cancellationToken))
            return result.Log($"Event {envelope.EventId} ({envelope.Type}) for {regionId}: staged with its entry.");
        var outcome = await consumption.CommitAsync(table, regionId, JournalStore.Consumer, envelope,
            _ => Task.FromResult<PartitionWrite?>(new PartitionWrite(regionId).StageReceived(envelope.EventId, received, clock.GetUtcNow(), 0)), cancellationToken);
        await linker.LinkAsync(regionId, cancellationToken);
        return result.Log($"Event {envelope.EventId} ({envelope.Type}) for {regionId}: {outcome}.");
    }

    /// <summary>
    /// The journal keeps the envelope exactly as received, members this code does not know included (issue 12), in its
    /// RFC 8785 form, with its personal data beside it; a message that has none (not strict JSON, an integer a double
    /// cannot hold) or whose personal values do not match its digests can never be journaled.
    /// </summary>
    private static (string Content, IReadOnlyList<KeptPersonalValue> PersonalData) Received(EventEnvelope envelope, string body)
    {
        try
        {
            return ReceivedEnvelope.Split(body);
        }
        catch (FormatException e)
        {
            throw new PermanentFailureException($"Event {envelope.EventId} ({envelope.Type}) cannot be journaled: {e.Message}");
        }
    }

    /// <summary>Spending's own event: the ledger row of its entry names it, so it was staged in the transaction that made it.</summary>
    private async Task<bool> JournaledWithItsEntryAsync(TableClient table, string regionId, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Type == EventTypes.YearClosed && envelope.ProgrammeId is { } programmeId && envelope.Data["year"]?.ToObject<int?>() is { } year)
            return (await YearMarks.ReadAsync(table, regionId, programmeId, year, cancellationToken)).EventId == envelope.EventId; // staged with the closed mark
        if (envelope.Type is EventTypes.TrancheAdmitted or EventTypes.TrancheAdmissionRefused) // staged with its outbox row, by AdmitTranche
            return (await table.GetEntityIfExistsAsync<TableEntity>(regionId, RowKeys.Event(envelope.EventId), ["RowKey"], cancellationToken)).HasValue;
        if (envelope.Type is not (EventTypes.SpendingRecorded or EventTypes.SpendingReversed)) return false;
        if (own.WereStaged(envelope.EventId)) return true;
        if (envelope.Data["entryId"]?.ToString() is not { } text || !Guid.TryParse(text, out var entryId)) return false;
        return (await LedgerRows.FingerprintAsync(table, regionId, entryId, cancellationToken))?.EventId == envelope.EventId;
    }

    private async Task<CommitOutcome> ProjectAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var table = await spending.TableAsync(cancellationToken);
        if (KassierProjection.Concerns(envelope)) return await KassierProjection.ApplyAsync(consumption, table, envelope, cancellationToken);
        if (StaffProjection.Concerns(envelope)) return await StaffProjection.ApplyAsync(consumption, table, envelope, cancellationToken);
        var p = envelope.DataAs<ProgrammeDefined>();
        var programme = new Programme(p.ProgrammeId, p.Name, p.Instrument, p.Fund, p.Years, p.Regions, p.GrossPerRegionPerYear);
        // A programme is defined once (Allocation refuses another definition), so its row is inserted, never replaced.
        return await consumption.CommitAsync(table, ProgrammeRows.Partition(p.ProgrammeId), ProgrammesConsumer, envelope,
            async ct => await ProgrammeRows.ReadAsync(table, p.ProgrammeId, ct) is null
                ? new PartitionWrite(ProgrammeRows.Partition(p.ProgrammeId)).Insert(ProgrammeRows.ToEntity(programme))
                : null,
            cancellationToken);
    }
}
