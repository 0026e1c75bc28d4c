namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// Walks one region's chain entry by entry (so it can be fed page by page) and remembers the first break and why.
/// Format-1 entries verify under <see cref="JournalV1"/> and only before the first format-2 entry (a chain never goes
/// back to the weaker format); format-2 entries under <see cref="JournalV2"/>, the first one linking to the region's
/// genesis or to the last format-1 entry.
/// </summary>
public sealed class ChainVerifier(string regionId)
{
    private ChainHead _head = JournalV2.Genesis(regionId);
    private int _format;

    public string RegionId { get; } = regionId;
    public long Entries { get; private set; }
    public long? FirstBrokenSequence { get; private set; }
    public string? FirstBrokenReason { get; private set; }
    public bool Valid => FirstBrokenSequence is null;
    public string HeadHash => _head.Hash;
    public long HeadSequence => _head.Sequence;

    public void Accept(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Entries++;
        if (FirstBrokenSequence is null && Check(entry) is { } reason) Break(_head.Sequence + 1, reason);
        // Continue from the stored link so one tampered row is reported once, not as every later row.
        _head = new ChainHead(_head.Sequence + 1, entry.Hash);
        _format = Math.Max(_format, entry.Format);
    }

    private string? Check(JournalEntry entry)
    {
        if (entry.Sequence != _head.Sequence + 1) return $"entry {_head.Sequence + 1} is missing: sequence {entry.Sequence} comes in its place";
        if (entry.Format == JournalV1.Format)
        {
            if (_format > JournalV1.Format) return "a format-1 entry after a format-2 entry";
            var before = _head.Sequence == 0 ? JournalV1.Genesis : _head;
            return JournalV1.IsIntact(entry, before) ? null : "its format-1 content, previous hash or hash does not match";
        }
        if (entry.Format != JournalV2.Format) return $"format {entry.Format} is unknown";
        if (entry.PreviousHash != _head.Hash)
            return _head.Sequence == 0 ? $"the first previous hash is not the genesis of {RegionId}" : "its previous hash is not the hash of the entry before";
        if (!JsonCanonicalization.IsCanonical(entry.Content)) return "its content is not RFC 8785 canonical JSON";
        if (JournalV2.HoldsPersonalDataMember(entry.Content)) return $"its content holds a {EventEnvelope.PersonalDataMember} member, which is kept beside an entry, never hashed";
        // Format, sequence, link and canonical content hold (above): what JournalV2.IsIntact asks besides is the hash.
        return JournalV2.HashMatches(RegionId, entry.Sequence, entry.PreviousHash, entry.Content, entry.Hash) ? null : $"its hash is not the hash of its content at sequence {entry.Sequence} of {RegionId}";
    }

    /// <summary>
    /// The recorded head must match what was walked: a removed last entry shows here. Of two chains as long as each
    /// other, the last entry is the one that differs from the record (never a sequence past the end).
    /// </summary>
    public void AcceptRecordedHead(ChainHead recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (FirstBrokenSequence is not null || (recorded.Sequence == _head.Sequence && recorded.Hash == _head.Hash)) return;
        if (recorded.Sequence == _head.Sequence) Break(Math.Max(_head.Sequence, 1), "the recorded head names another hash");
        else if (recorded.Sequence > _head.Sequence) Break(_head.Sequence + 1, $"the recorded head names {recorded.Sequence} entries; {_head.Sequence} are stored");
        else Break(recorded.Sequence + 1, $"the recorded head names {recorded.Sequence} entries; {_head.Sequence} are stored");
    }

    /// <summary>A break found by another check (a signed checkpoint, a Merkle root), if none was found before it.</summary>
    public void Break(long sequence, string reason)
    {
        if (FirstBrokenSequence is not null) return;
        FirstBrokenSequence = sequence;
        FirstBrokenReason = reason;
    }
}
