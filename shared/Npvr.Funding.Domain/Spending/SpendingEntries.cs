namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// Pure rules of the spending ledger (issue 8, design.md section 4). Entries are recorded and reversed, never edited
/// or deleted; the client's entryId is the idempotency key of an entry.
/// </summary>
public static partial class SpendingEntries
{
    /// <summary>
    /// EUR 1,000,000,000.00: the study's yearly need of all regions together. No single invoice line comes near it, and
    /// the cap keeps a year's sums (50,000 lines per import) far inside <see cref="Money.MaxCents"/>.
    /// </summary>
    public static readonly Money MaxEntryAmount = Money.FromCents(100_000_000_000);

    /// <summary>
    /// Checks a new entry for the region of <paramref name="context"/> and returns it, or every refused field:
    /// Invalid for input (each with a type such as amount-not-positive) and Conflict year-closed for a booked year
    /// that is closed. The JSON route calls <c>.ValueOrThrow()</c>; the CSV import reports all of them.
    /// </summary>
    public static Validated<SpendingEntry> Record(RecordSpending command, SpendingContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<FieldError>();
        var entryId = EntryIdOf(command.EntryId, errors);
        var programme = ProgrammeOf(command.ProgrammeId, context, errors);
        var bookedOn = BookedOnOf(command.BookedOn, programme, context.Today, errors);
        var amounts = SpendingAmounts.Check(command.Amount, command.Vat, command.CompensableVat, errors);
        var category = CategoryOf(command.Category, errors);
        var counterparty = SpendingText.Required("counterparty", "counterparty", command.Counterparty, SpendingText.MaxCounterpartyLength, multiLine: false, errors);
        var invoiceReference = SpendingText.Optional("invoiceReference", "invoice-reference", command.InvoiceReference,
            SpendingText.MaxInvoiceReferenceLength, multiLine: false, errors);
        var description = SpendingText.Required("description", "description", command.Description, SpendingText.MaxDescriptionLength, multiLine: true, errors);
        var onward = OnwardTransferOf(category, command.OnwardTransferTo, errors);
        if (programme is not null && bookedOn is { } booked && programme.IsClosed(booked.Year))
            errors.Add(YearClosed(programme.ProgrammeId, booked.Year));
        if (errors.Count > 0) return Validated<SpendingEntry>.Refused(errors);

        var (amount, vat, compensableVat) = amounts!.Value;
        var entry = new SpendingEntry(entryId!.Value, context.RegionId, programme!.ProgrammeId, bookedOn!.Value, amount, vat, compensableVat,
            category!.Value, counterparty!, invoiceReference, description!, onward);
        SpendingAmounts.EnsureOrdered(entry);
        return Validated<SpendingEntry>.Valid(entry);
    }

    /// <summary>
    /// The same entryId again: <see cref="EntryMatch.SameBody"/> when the body records exactly the stored entry (answer
    /// the first result again, write nothing), else <see cref="EntryMatch.DifferentBody"/> (409 entry-id-reused, see
    /// <see cref="EnsureSameBody"/>). Text is compared as stored: trimmed, empty optional text as absent.
    /// </summary>
    public static EntryMatch Compare(SpendingEntry existing, RecordSpending command)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(command);
        return !existing.IsReversal && !DifferingFields(existing, command).Any() ? EntryMatch.SameBody : EntryMatch.DifferentBody;
    }

    /// <summary>Throws Conflict entry-id-reused unless <see cref="Compare"/> finds the same body.</summary>
    public static void EnsureSameBody(SpendingEntry existing, RecordSpending command)
    {
        if (Compare(existing, command) == EntryMatch.DifferentBody)
            throw new DomainException(DomainError.Conflict("entry-id-reused",
                $"entryId {existing.EntryId} is already recorded with a different body; a correction is a reversal and a new entry with a new entryId."));
    }

    /// <summary>The body fields in which <paramref name="command"/> does not record exactly <paramref name="entry"/>.</summary>
    internal static IEnumerable<string> DifferingFields(SpendingEntry entry, RecordSpending command)
    {
        if (!(Guid.TryParseExact(command.EntryId?.Trim(), "D", out var id) && id == entry.EntryId)) yield return "entryId";
        if (command.ProgrammeId != entry.ProgrammeId) yield return "programmeId";
        if (command.BookedOn != entry.BookedOn) yield return "bookedOn";
        if (command.Amount != entry.Amount) yield return "amount";
        if (command.Vat != entry.Vat) yield return "vat";
        if (command.CompensableVat != entry.CompensableVat) yield return "compensableVat";
        if (!(SpendingCategories.TryParse(command.Category, out var category) && category == entry.Category)) yield return "category";
        if (SpendingText.Normalise(command.Counterparty) != entry.Counterparty) yield return "counterparty";
        if (SpendingText.Normalise(command.InvoiceReference) != entry.InvoiceReference) yield return "invoiceReference";
        if (SpendingText.Normalise(command.Description) != entry.Description) yield return "description";
        if (NormaliseOnward(command.OnwardTransferTo) != entry.OnwardTransferTo) yield return "onwardTransferTo";
    }

    internal static FieldError YearClosed(string programmeId, int year) =>
        FieldError.Conflict("bookedOn", "year-closed", $"{programmeId} {year} is closed and sealed; nothing booked in {year} can be recorded or reversed.");

    /// <summary>Echoes at most 40 characters of a refused value, so a detail stays a sentence.</summary>
    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

/// <summary>How a repeated entryId's body relates to the stored entry.</summary>
public enum EntryMatch
{
    SameBody,
    DifferentBody,
}
