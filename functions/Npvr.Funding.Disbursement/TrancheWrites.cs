using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>What a tranche decision changed: tranches replaced, tranches created, events raised, and the one to answer with.</summary>
internal sealed record TrancheChange(IReadOnlyList<Tranche> Replaced, IReadOnlyList<Tranche> Created, IReadOnlyList<OutgoingEvent> Events, Tranche Answer);

/// <summary>
/// The shape of every write on one tranche (receipt, resolution, void): load its region-year, decide, then replace the
/// changed tranche rows under the ETags read (a concurrent change retries), insert new ones, and announce the events,
/// all in the region-year's one transaction.
/// </summary>
internal static class TrancheWrites
{
    public static async Task<InvocationResult> CommitAsync(DisbursementStore store, HttpWrites writes, HttpCall call, TimeProvider clock,
        Func<RegionYearState, Tranche, DateTimeOffset, bool, TrancheChange> decide, CancellationToken cancellationToken)
    {
        var key = DisbursementRoutes.Tranche(call);
        var trancheId = call.Request.Route("trancheId");
        var table = await store.TableAsync(cancellationToken);
        var partition = DisbursementStore.RegionYearPartition(key.ProgrammeId, key.Year, key.RegionId);
        return await writes.CommitAsync(table, partition, call, async ct =>
        {
            var state = await DisbursementStore.RegionYearAsync(table, key.ProgrammeId, key.Year, key.RegionId, ct);
            var tranche = state.Tranches.Find(trancheId) ?? throw new ProblemException(Problem.NotFound("tranche-not-found", "There is no such tranche."));
            var now = clock.GetUtcNow();
            // Issue 9: the programme-year's YearClosed, as this app projected it, refuses every change of its tranches.
            var change = decide(state, tranche, now, await ClosedYearRows.IsClosedAsync(table, key.ProgrammeId, key.Year, ct));
            var write = new PartitionWrite(partition);
            foreach (var t in change.Replaced) write.Replace(TrancheRows.ToEntity(partition, t), state.ETagOf(t.TrancheId));
            foreach (var t in change.Created) write.Insert(TrancheRows.ToEntity(partition, t));
            var events = change.Events.Select(e => EventEnvelope.Create(e.Type, e.Data, now, key.RegionId, key.ProgrammeId, call.CorrelationId, call.InvocationId, call.Actor)).ToList();
            return new WritePlan(write, events, HttpResult.Ok(TrancheView.From(change.Answer)));
        }, cancellationToken);
    }
}
