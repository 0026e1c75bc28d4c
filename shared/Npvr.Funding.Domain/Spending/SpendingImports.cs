namespace Npvr.Funding.Domain.Spending;

/// <summary>How one record of an import relates to what the ledger already holds under its entryId.</summary>
public enum ImportRecordState
{
    /// <summary>Nothing is stored under its id: the import writes it.</summary>
    New,

    /// <summary>Exactly this entry is stored (the same file again, or an overlapping one): nothing to write.</summary>
    AlreadyRecorded,
}

/// <summary>
/// The rules an import meets against the stored ledger, after the file itself passed SpendingCsv's checks. All of a
/// file's records are checked before any is written, so a file is recorded entirely or not at all.
/// </summary>
public static class SpendingImports
{
    /// <summary>
    /// <paramref name="storedFingerprint"/> is the EntryFingerprints digest of the entry stored under the intended
    /// entry's id, or null. Another entry under that id is a Conflict on entryId (entry-id-reused), or for a reversal
    /// on reversesEntryId (entry-already-reversed: its derived id is taken by a reversal with another reason).
    /// </summary>
    public static Validated<ImportRecordOutcome> Classify(SpendingEntry intended, string? storedFingerprint)
    {
        ArgumentNullException.ThrowIfNull(intended);
        if (storedFingerprint is null) return Validated<ImportRecordOutcome>.Valid(new ImportRecordOutcome(intended, ImportRecordState.New));
        if (storedFingerprint == EntryFingerprints.Of(intended))
            return Validated<ImportRecordOutcome>.Valid(new ImportRecordOutcome(intended, ImportRecordState.AlreadyRecorded));
        return Validated<ImportRecordOutcome>.Refused([intended.ReversesEntryId is { } original
            ? FieldError.Conflict("reversesEntryId", "entry-already-reversed", $"Entry {original} was already reversed with another reason; an entry is reversed at most once.")
            : FieldError.Conflict("entryId", "entry-id-reused", $"entryId {intended.EntryId} is already recorded with a different body; a correction is a reversal and a new entry with a new entryId.")]);
    }

    /// <summary>
    /// A reversal row whose original is not in the file but (it must be) in the ledger: the reversal
    /// SpendingEntries.TryReverse makes of the stored <paramref name="original"/>, checked against the columns the row
    /// shows. <paramref name="existingReversal"/> is what is stored under the reversal's derived id, if anything.
    /// </summary>
    public static Validated<ImportRecordOutcome> ReverseStored(Guid reversesEntryId, SpendingEntry? original, SpendingEntry? existingReversal,
        string? reason, RecordSpending shown, IReadOnlySet<int> closedYearsOfProgramme)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(closedYearsOfProgramme);
        if (original is null)
            return Validated<ImportRecordOutcome>.Refused([FieldError.Invalid("reversesEntryId", "reversed-entry-not-found",
                $"reversesEntryId {reversesEntryId} is neither in this file nor recorded for this region.")]);
        var decision = SpendingEntries.TryReverse(original, existingReversal, reason, closedYearsOfProgramme);
        if (!decision.IsValid) return Validated<ImportRecordOutcome>.Refused(decision.Errors);
        var mismatches = SpendingEntries.CompareReversalRow(decision.Value.Reversal, shown);
        if (mismatches.Count > 0) return Validated<ImportRecordOutcome>.Refused(mismatches);
        return Validated<ImportRecordOutcome>.Valid(new ImportRecordOutcome(decision.Value.Reversal,
            decision.Value.IsReplay ? ImportRecordState.AlreadyRecorded : ImportRecordState.New));
    }
}

/// <summary>The entry a record stands for, and whether the import still has to write it.</summary>
public sealed record ImportRecordOutcome(SpendingEntry Entry, ImportRecordState State);
