using Azure.Data.Tables;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// POST /programmes/{programmeId}/years/{year}/close: Finance. Refused 409 year-has-open-items (with the list) while a
/// tranche of the year is unconfirmed, in discrepancy or in flight (admitted for issuing, not yet issued); otherwise each region is sealed in its own partition
/// transaction (<see cref="RegionYearCloser"/>) and the answer lists every region's seal. Closing again answers the
/// same seals; after a crash half-way the next call seals the rest.
/// </summary>
public sealed class CloseYear(JournalStore journal, SpendingStore spending, RegionYearCloser closer) : HttpFunction
{
    public override string Name => nameof(CloseYear);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance);
        var programmeId = GetProgrammeStatement.ProgrammeRoute(call);
        var year = QueryValues.Year(call.Request.Route("year"));
        var programme = await Statements.ProgrammeAsync(await spending.TableAsync(cancellationToken), programmeId, cancellationToken);
        if (!programme.Years.Contains(year))
            throw new ProblemException(Problem.NotFound("year-not-in-programme", $"{year} is not a year of {programmeId}."));
        var table = await journal.TableAsync(cancellationToken);
        var statements = new List<RegionYearStatement>();
        var openItems = new List<OpenItem>();
        foreach (var regionId in programme.Regions.Order(StringComparer.Ordinal))
        {
            await closer.LinkAllAsync(table, regionId, cancellationToken);
            var (statement, ledger, _) = await Statements.OfAsync(table, programme, regionId, year, cancellationToken);
            statements.Add(statement);
            openItems.AddRange(ledger.OpenItems);
        }
        var decision = YearClose.Decide(programmeId, year, statements, openItems);
        if (decision.IsRefused) return Respond(OpenItemsProblem(decision));

        var items = new List<object>(programme.Regions.Count);
        foreach (var regionId in programme.Regions.Order(StringComparer.Ordinal))
            items.Add(new { regionId, sealHash = await closer.SealAsync(table, programme, regionId, year, call, cancellationToken) });
        return Respond(HttpResult.Ok(new { programmeId, year, items }));
    }

    private static HttpResult OpenItemsProblem(YearCloseDecision decision)
    {
        var problem = Problem.From(decision.Refusal!);
        var body = FundingJson.ToJObject(problem);
        body["openItems"] = JArray.FromObject(decision.OpenItems.Select(i => new
        {
            regionId = i.RegionId,
            trancheId = i.TrancheId,
            kind = i.Kind switch
            {
                OpenItemKind.UnconfirmedTranche => "unconfirmed-tranche",
                OpenItemKind.OpenDiscrepancy => "open-discrepancy",
                _ => "tranche-in-flight",
            },
        }), FundingJson.Serializer);
        return new HttpResult(problem.Status, FundingJson.Serialize(body), "application/problem+json; charset=utf-8");
    }
}

/// <summary>
/// Seals one region-year. First the mark becomes "closing" under its ETag (a write that took the mark before commits
/// first and is sealed in; every later write is refused), so a stream of writers cannot starve the close. Then it links
/// everything staged, reads the mark and the head (with the statement folded to it), and commits in one transaction of the region's partition the closed mark (under the mark's ETag, which every
/// write of that region-year also takes), the head unchanged (under its ETag: nothing was linked in between) and the
/// staged, announced YearClosed. Any write or link in between fails the transaction, and the seal is made again.
/// </summary>
public sealed class RegionYearCloser(JournalLinker linker, Outbox outbox, TimeProvider clock, Interleavings interleavings)
{
    /// <summary>Interleaving point: the region-year is marked closing; nothing is linked or sealed yet.</summary>
    public const string ClosingMarked = nameof(RegionYearCloser) + ".closing-marked";

    /// <summary>Interleaving point: the seal is computed from the head and statement read; its transaction is not committed yet.</summary>
    public const string SealDecided = nameof(RegionYearCloser) + ".seal-decided";

    /// <summary>Rounds before the close answers 503: each lost round means a write of the region (or a link) landed first.</summary>
    public const int MaxAttempts = 32;

    /// <summary>Link passes before a close gives up waiting for a region's staged events to be linked.</summary>
    public const int MaxLinkRounds = 20;

    internal async Task LinkAllAsync(TableClient table, string regionId, CancellationToken cancellationToken)
    {
        for (var round = 1; round <= MaxLinkRounds; round++)
        {
            await linker.LinkAsync(regionId, cancellationToken);
            if ((await StagedJournal.NextAsync(table, regionId, 1, cancellationToken)).Count == 0) return;
            await ConflictBackoff.DelayAsync(round, cancellationToken); // another pass or instance is linking them
        }
        throw new WriteContentionException(regionId, MaxLinkRounds);
    }

    internal async Task<string> SealAsync(TableClient table, Programme programme, string regionId, int year, HttpCall call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var mark = await YearMarks.ReadAsync(table, regionId, programme.ProgrammeId, year, cancellationToken);
            if (mark.Closed) return mark.SealHash ?? throw new InvalidOperationException($"{regionId} {programme.ProgrammeId} {year} is closed without a seal.");
            if (!mark.Closing)
            {
                if (await TableCommit.CommitAsync(table, await YearMarks.ClosingAsync(table, regionId, mark, cancellationToken), cancellationToken) != CommitOutcome.Committed)
                    await ConflictBackoff.DelayAsync(Math.Min(attempt, 4), cancellationToken);
                continue;
            }
            await interleavings.ReachedAsync(ClosingMarked, cancellationToken);
            await LinkAllAsync(table, regionId, cancellationToken);
            var head = await table.GetEntityIfExistsAsync<TableEntity>(regionId, JournalStore.HeadRow, cancellationToken: cancellationToken);
            var (statement, ledger, chainHead) = await Statements.OfAsync(table, programme, regionId, year, cancellationToken);
            if (ledger.OpenItems.Count > 0)
                throw new DomainException(DomainError.Conflict("year-has-open-items", $"{regionId} has open items in {year} again; close once they are resolved."));
            var now = clock.GetUtcNow();
            var closed = YearClosed.Create(statement, chainHead.Hash, now, call.Caller.Name);
            var envelope = EventEnvelope.Create(EventTypes.YearClosed, closed, now, regionId, programme.ProgrammeId, call.CorrelationId, call.InvocationId, call.Actor);
            var write = new PartitionWrite(regionId).MarkClosed(mark, closed.SealHash, envelope.EventId);
            if (head.HasValue) write.Merge(new TableEntity(regionId, JournalStore.HeadRow), head.Value!.ETag);
            else write.Insert(new TableEntity(regionId, JournalStore.HeadRow) { ["Sequence"] = 0L, ["Hash"] = chainHead.Hash });
            write.Stage(envelope, now, 0).Publish(OutboxMessage.Event(envelope));
            await interleavings.ReachedAsync(SealDecided, cancellationToken);
            if (await TableCommit.CommitAsync(table, write, cancellationToken) == CommitOutcome.Committed)
            {
                await outbox.PublishAndMarkAsync(table, write, cancellationToken);
                await linker.LinkAsync(regionId, cancellationToken);
                return closed.SealHash;
            }
            await ConflictBackoff.DelayAsync(Math.Min(attempt, 4), cancellationToken);
        }
        throw new WriteContentionException(regionId, MaxAttempts);
    }
}
