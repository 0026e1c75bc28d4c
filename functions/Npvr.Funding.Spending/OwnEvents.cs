using System.Collections.Concurrent;

namespace Npvr.Funding.Spending;

/// <summary>
/// The ids of the events this app instance staged with their entries lately, so the journal consumer can tell its own
/// SpendingRecorded and SpendingReversed from the bus without reading the ledger for each (a 50,000-record import is
/// 50,000 of them). A miss is not an answer: the consumer then reads the entry's ledger row, which names its event.
/// </summary>
public sealed class OwnEvents(int capacity)
{
    /// <summary>Two full imports' worth: enough for the bus to deliver them back, about 10 MB of ids (Spending:OwnEventsCapacity; 0 turns it off).</summary>
    public const int DefaultCapacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Called once the transaction that staged <paramref name="eventIds"/> with their entries committed.</summary>
    public void Staged(IEnumerable<string> eventIds)
    {
        foreach (var id in eventIds)
        {
            if (capacity == 0) return;
            if (!_ids.TryAdd(id, 0)) continue;
            _order.Enqueue(id);
            // Bounded: each add evicts at most the ids above capacity, oldest first.
            while (_order.Count > capacity && _order.TryDequeue(out var oldest)) _ids.TryRemove(oldest, out _);
        }
    }

    public bool WereStaged(string eventId) => _ids.ContainsKey(eventId);
}
