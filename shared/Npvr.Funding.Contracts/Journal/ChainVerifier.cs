namespace Npvr.Funding.Contracts.Journal;

/// <summary>Walks a chain entry by entry (so it can be fed page by page) and remembers the first break.</summary>
public sealed class ChainVerifier
{
    private ChainHead _head = ChainHead.Genesis;

    public long Entries { get; private set; }
    public long? FirstBrokenSequence { get; private set; }
    public bool Valid => FirstBrokenSequence is null;
    public string HeadHash => _head.Hash;

    public void Accept(JournalEntry entry)
    {
        Entries++;
        if (FirstBrokenSequence is null && !JournalChain.IsIntact(entry, _head))
            FirstBrokenSequence = _head.Sequence + 1;
        // Continue from the stored link so one tampered row is reported once, not as every later row.
        _head = new ChainHead(_head.Sequence + 1, entry.Hash);
    }

    /// <summary>
    /// The recorded head must match what was walked: a removed last entry shows here. Of two chains as long as each
    /// other, the last entry is the one that differs from the record (never a sequence past the end).
    /// </summary>
    public void AcceptRecordedHead(ChainHead recorded)
    {
        if (FirstBrokenSequence is null && (recorded.Sequence != _head.Sequence || recorded.Hash != _head.Hash))
            FirstBrokenSequence = recorded.Sequence == _head.Sequence ? Math.Max(_head.Sequence, 1) : Math.Min(recorded.Sequence, _head.Sequence) + 1;
    }
}
