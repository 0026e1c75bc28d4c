using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// The one appender of each region's chain (issue 8, point 6): links staged events in batches, each batch one
/// transaction that replaces the head under its ETag, inserts the new entries and deletes their staged rows, so an
/// event is linked exactly once whoever links it. Within the app one pass per region runs at a time; a caller that
/// finds a pass running leaves its request to that pass, which goes round again before it stops. Across app instances
/// the head's ETag decides, and the loser leaves the rest to the winner (who is still linking).
/// </summary>
public sealed class JournalLinker(JournalStore store, Checkpoints checkpoints, ILogger<JournalLinker> logger)
{
    /// <summary>
    /// The head, then an entry insert and a staged-row delete per event: 1 + 2 x 49 fits one transaction, with room for
    /// the personal-data index row of one person (an import's entries all name the same kassier). Events naming more
    /// people make a transaction hold fewer (<see cref="LinkBatches"/>).
    /// </summary>
    public const int EventsPerTransaction = (PartitionWrite.MaxActions - 1) / 2;

    /// <summary>
    /// Transactions linked per read of the staged rows: each later one replaces the head by the ETag the previous one
    /// returned, so the range is read (a scan on some stores) once per ten transactions, not per transaction.
    /// </summary>
    public const int TransactionsPerRead = 10;

    /// <summary>Bounds one pass (about 200,000 events, four full imports); whatever is left waits for the next request.</summary>
    public const int MaxTransactionsPerPass = 4_000;

    /// <summary>Races for the head lost in a row before leaving the staged rows to the instance that keeps winning.</summary>
    public const int MaxConflicts = 8;

    private readonly ConcurrentDictionary<string, RegionGate> _gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Each region's head as this instance last read or wrote it, with its ETag (issue 15: one read fewer per pass). Safe however
    /// stale: every link replaces the head under the ETag it was read with, so a head someone else has moved on (another
    /// instance, a close, a backfill) fails the first transaction, writes nothing and is read again. Bounded by the regions.
    /// </summary>
    private readonly ConcurrentDictionary<string, JournalHead> _heads = new(StringComparer.Ordinal);

    /// <summary>Links everything staged for the region (by this call or by the pass already running when it came).</summary>
    public async Task LinkAsync(string regionId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(regionId, _ => new RegionGate());
        gate.Request();
        while (gate.Requested)
        {
            if (!await gate.Lock.WaitAsync(0, cancellationToken)) return; // the running pass takes this request
            try
            {
                // Bounded by the requests that arrive while linking; each round drains everything staged so far.
                while (gate.TakeRequest())
                {
                    // A round that linked something is signed after its last transaction (issue 12), paced per region.
                    if (await LinkStagedAsync(regionId, cancellationToken)) await checkpoints.AfterLinkAsync(regionId, cancellationToken);
                }
            }
            finally
            {
                gate.Lock.Release();
            }
        }
    }

    /// <summary>Links what is staged; true when this pass committed at least one transaction.</summary>
    private async Task<bool> LinkStagedAsync(string regionId, CancellationToken cancellationToken)
    {
        var table = await store.TableAsync(cancellationToken);
        var (conflicts, transactions, committed) = (0, 0, false);
        while (transactions < MaxTransactionsPerPass)
        {
            var cached = _heads.TryRemove(regionId, out var known);
            var head = cached ? known! : await JournalStore.ReadHeadAsync(table, regionId, cancellationToken);
            if (head.Frontier is null)
            {
                await MerkleBackfill.RunAsync(table, regionId, logger, cancellationToken);
                continue; // bounded: the backfill leaves a frontier or throws
            }
            var staged = await StagedJournal.NextAsync(table, regionId, EventsPerTransaction * TransactionsPerRead, cancellationToken);
            if (staged.Count == 0)
            {
                _heads[regionId] = head;
                return committed;
            }
            var (lostRace, linkedAll, linkedAny) = (false, true, false);
            var batches = LinkBatches.Of(staged, EventsPerTransaction).ToList();
            for (var i = 0; i < batches.Count; i++)
            {
                transactions++;
                var (write, next) = Link(regionId, head, batches[i]);
                var outcome = await CommitAsync(table, write, cancellationToken);
                lostRace = !outcome.Committed;
                committed |= outcome.Committed;
                linkedAny |= outcome.Committed;
                if (outcome.HeadETag is not { } etag) // lost the race, or committed without learning the head's ETag: read again
                {
                    linkedAll = outcome.Committed && i == batches.Count - 1;
                    _heads.TryRemove(regionId, out _);
                    break;
                }
                head = next with { ETag = etag };
                _heads[regionId] = head; // the head this transaction wrote
            }
            // A read that came back short held everything staged when it was made: what was staged since came with its
            // own request, which the gate turns into another round, so reading the head and the range again would only
            // find them empty (two round trips per pass saved, issue 15).
            if (linkedAll && staged.Count < EventsPerTransaction * TransactionsPerRead) return committed;
            // A remembered head that someone else moved on is no race lost to a linker: read it and go again at once.
            if (!lostRace || (cached && !linkedAny))
            {
                conflicts = 0;
                continue;
            }
            if (++conflicts >= MaxConflicts)
            {
                logger.LogInformation("Journal of {Region}: another instance keeps linking; leaving the staged events to it.", regionId);
                return committed;
            }
            await ConflictBackoff.DelayAsync(conflicts, cancellationToken);
        }
        logger.LogWarning("Journal of {Region}: linked {Count} transactions in one pass; the rest waits for the next request.", regionId, MaxTransactionsPerPass);
        return committed;
    }

    private static async Task<LinkOutcome> CommitAsync(TableClient table, PartitionWrite write, CancellationToken cancellationToken)
    {
        try
        {
            var answers = await table.SubmitTransactionAsync(write.Actions, cancellationToken);
            return new LinkOutcome(Committed: true, answers.Value[0].Headers.ETag);
        }
        // 404: a remembered head that was deleted since (a journal cut short and rebuilt): read again like any lost race.
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return LinkOutcome.LostRace;
        }
    }

    /// <summary>A committed link and the head's new ETag (when the answer carried it), or <see cref="LostRace"/>.</summary>
    private sealed record LinkOutcome(bool Committed, ETag? HeadETag)
    {
        public static readonly LinkOutcome LostRace = new(Committed: false, null);
    }

    /// <summary>
    /// The head first: if anyone linked since it was read, the whole transaction fails on it and nothing is linked twice.
    /// The head carries the statement projection, folded over the same events in the same order (issue 9), and the
    /// Merkle frontier; each entry row carries the hashes of the subtrees it completes (issue 12) and the personal data
    /// staged beside its event, and each person whose values the batch links gets an index row naming the sequences.
    /// </summary>
    private static (PartitionWrite Write, JournalHead Next) Link(string regionId, JournalHead head, IReadOnlyList<StagedEvent> staged)
    {
        var ledgers = StatementProjection.Read(head.Statements);
        var (chain, frontier) = (head.Chain, head.Frontier!);
        var rows = new List<TableEntity>(staged.Count);
        var index = new SortedDictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var s in staged)
        {
            var content = StagedJournal.ContentOf(s.Row);
            StatementProjection.Apply(ledgers, regionId, FundingJson.Deserialize<EventEnvelope>(content));
            var entry = JournalV2.Append(regionId, chain, content);
            frontier = frontier.Append(MerkleTree.JournalLeaf(entry.Hash), out var subtrees);
            rows.Add(JournalStore.EntryEntity(regionId, entry, subtrees, s.PersonalData));
            foreach (var key in s.SubjectKeys)
            {
                if (!index.TryGetValue(key, out var sequences)) index[key] = sequences = [];
                sequences.Add(entry.Sequence);
            }
            chain = new ChainHead(entry.Sequence, entry.Hash);
        }
        if (frontier.Size != chain.Sequence)
            throw new InvalidOperationException($"Journal of {regionId}: {chain.Sequence} entries but a tree of {frontier.Size} leaves.");
        var folded = StatementProjection.Write(ledgers);
        var write = new PartitionWrite(regionId).Replace(JournalStore.HeadEntity(regionId, chain, folded, frontier), head.ETag);
        for (var i = 0; i < staged.Count; i++) write.Insert(rows[i]).Delete(staged[i].Row, staged[i].Row.ETag);
        // Upserted: an index row's key (person, first sequence) is taken again only when the journal was cut short and its
        // sequences are linked anew; the entries the old row named are gone, and the linker must not stall on it.
        foreach (var (key, sequences) in index) write.Upsert(PersonalDataRows.IndexEntity(regionId, key, sequences));
        return (write, new JournalHead(chain, default, folded, frontier));
    }

    private sealed class RegionGate
    {
        private int _requested;

        public SemaphoreSlim Lock { get; } = new(1, 1);
        public bool Requested => Volatile.Read(ref _requested) == 1;
        public void Request() => Interlocked.Exchange(ref _requested, 1);
        public bool TakeRequest() => Interlocked.Exchange(ref _requested, 0) == 1;
    }
}
