namespace Npvr.Funding.Domain.Spending;

/// <summary>The reversal to store, or (<see cref="IsReplay"/>) the one stored before, answered again without a write.</summary>
public sealed record ReversalDecision(SpendingEntry Reversal, bool IsReplay);

public static partial class SpendingEntries
{
    /// <summary>
    /// Reverses <paramref name="original"/>: a new entry under <see cref="ReversalIds.Of"/>(original id) with negated
    /// amount, vat and compensableVat, the original's programme, bookedOn (so it counts in the same year), category and
    /// texts, naming the original in reversesEntryId. Throws DomainException: Invalid reason-* for a reason that is not
    /// 1 to 500 characters; Conflict reversal-not-reversible for a reversal; Conflict entry-already-reversed when
    /// <paramref name="existingReversal"/> was made with another reason; Conflict year-closed when the original's
    /// year is in <paramref name="closedYearsOfProgramme"/>. The same reason again is a retry: IsReplay, nothing to write.
    /// </summary>
    /// <param name="existingReversal">The entry stored under <see cref="ReversalIds.Of"/>(original id), if any.</param>
    /// <param name="closedYearsOfProgramme">The closed years of the original's programme.</param>
    public static ReversalDecision Reverse(SpendingEntry original, SpendingEntry? existingReversal, string? reason, IReadOnlySet<int> closedYearsOfProgramme) =>
        TryReverse(original, existingReversal, reason, closedYearsOfProgramme).ValueOrThrow();

    /// <summary><see cref="Reverse"/> without throwing: the refusal is a field error (reason, reversesEntryId or bookedOn).</summary>
    public static Validated<ReversalDecision> TryReverse(SpendingEntry original, SpendingEntry? existingReversal, string? reason,
        IReadOnlySet<int> closedYearsOfProgramme)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(closedYearsOfProgramme);
        var reversalId = ReversalIds.Of(original.EntryId);
        if (existingReversal is not null && (existingReversal.EntryId != reversalId || existingReversal.ReversesEntryId != original.EntryId))
            throw new ArgumentException($"Entry {existingReversal.EntryId} is not the reversal of {original.EntryId}.", nameof(existingReversal));

        var errors = new List<FieldError>();
        var text = SpendingText.Required("reason", "reason", reason, SpendingText.MaxReasonLength, multiLine: true, errors);
        if (errors.Count > 0) return Validated<ReversalDecision>.Refused(errors);
        if (original.IsReversal)
            return Refused("reversal-not-reversible", $"Entry {original.EntryId} is itself a reversal (of {original.ReversesEntryId}) and cannot be reversed; record a new entry instead.");
        if (existingReversal is not null)
        {
            return existingReversal.Reason == text
                ? Validated<ReversalDecision>.Valid(new ReversalDecision(existingReversal, IsReplay: true))
                : Refused("entry-already-reversed", $"Entry {original.EntryId} was already reversed by {existingReversal.EntryId}; an entry is reversed at most once.");
        }
        if (closedYearsOfProgramme.Contains(original.Year))
            return Validated<ReversalDecision>.Refused([YearClosed(original.ProgrammeId, original.Year)]);

        var reversal = original with
        {
            EntryId = reversalId,
            Amount = -original.Amount,
            Vat = -original.Vat,
            CompensableVat = -original.CompensableVat,
            ReversesEntryId = original.EntryId,
            Reason = text,
        };
        // Conservation: an entry and its reversal net to zero in every figure.
        if ((original.Amount + reversal.Amount).Cents != 0 || (original.CompensableVat + reversal.CompensableVat).Cents != 0)
            throw new InvalidOperationException($"The reversal of {original.EntryId} does not net it to zero.");
        SpendingAmounts.EnsureOrdered(reversal);
        return Validated<ReversalDecision>.Valid(new ReversalDecision(reversal, IsReplay: false));
    }

    /// <summary>
    /// The columns of an imported reversal row (<paramref name="shown"/>, as an export writes a reversal) that differ
    /// from <paramref name="expectedReversal"/>, the reversal <see cref="TryReverse"/> makes of the stored original:
    /// one Invalid reversal-row-mismatch per differing field, none when the row is that reversal.
    /// </summary>
    public static IReadOnlyList<FieldError> CompareReversalRow(SpendingEntry expectedReversal, RecordSpending shown)
    {
        ArgumentNullException.ThrowIfNull(expectedReversal);
        ArgumentNullException.ThrowIfNull(shown);
        if (!expectedReversal.IsReversal) throw new ArgumentException($"Entry {expectedReversal.EntryId} is not a reversal.", nameof(expectedReversal));
        return [.. DifferingFields(expectedReversal, shown).Select(field => FieldError.Invalid(field, "reversal-row-mismatch",
            $"{field} of this reversal row differs from the reversal of entry {expectedReversal.ReversesEntryId}: a reversal row shows the original's "
            + $"values, its amounts negated, under entryId {expectedReversal.EntryId}."))];
    }

    private static Validated<ReversalDecision> Refused(string type, string detail) =>
        Validated<ReversalDecision>.Refused([FieldError.Conflict("reversesEntryId", type, detail)]);
}
