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

    private static Guid? EntryIdOf(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(FieldError.Invalid("entryId", "entry-id-required", "entryId is required: a UUID the client chooses, e.g. 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f."));
            return null;
        }
        if (Guid.TryParseExact(text.Trim(), "D", out var id) && id != Guid.Empty) return id;
        errors.Add(FieldError.Invalid("entryId", "entry-id-invalid", $"entryId '{Shorten(text)}' is not a UUID of the form 8-4-4-4-12 hex digits (and not all zeros)."));
        return null;
    }

    private static SpendingProgramme? ProgrammeOf(string? programmeId, SpendingContext context, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(programmeId))
        {
            errors.Add(FieldError.Invalid("programmeId", "programme-id-required", "programmeId is required."));
            return null;
        }
        var programme = context.Programme(programmeId);
        if (programme is null)
            errors.Add(FieldError.Invalid("programmeId", "programme-not-for-region",
                $"programmeId '{Shorten(programmeId)}' is not a programme region '{context.RegionId}' takes part in."));
        return programme;
    }

    private static DateOnly? BookedOnOf(DateOnly? bookedOn, SpendingProgramme? programme, DateOnly today, List<FieldError> errors)
    {
        if (bookedOn is not { } date)
        {
            errors.Add(FieldError.Invalid("bookedOn", "booked-on-required", "bookedOn is required (yyyy-MM-dd)."));
            return null;
        }
        if (date > today)
        {
            errors.Add(FieldError.Invalid("bookedOn", "booked-on-in-future", $"bookedOn {date:yyyy-MM-dd} is after today, {today:yyyy-MM-dd}."));
            return null;
        }
        if (programme is not null && date.Year < programme.FirstYear)
        {
            errors.Add(FieldError.Invalid("bookedOn", "booked-on-before-programme",
                $"bookedOn {date:yyyy-MM-dd} is before 1 January {programme.FirstYear}, the start of {programme.ProgrammeId}."));
            return null;
        }
        return date;
    }

    private static SpendingCategory? CategoryOf(string? text, List<FieldError> errors)
    {
        if (SpendingCategories.TryParse(text, out var category)) return category;
        errors.Add(string.IsNullOrWhiteSpace(text)
            ? FieldError.Invalid("category", "category-required", $"category is required: one of {string.Join(", ", SpendingCategories.All)}.")
            : FieldError.Invalid("category", "category-unknown", $"category '{Shorten(text)}' is not one of {string.Join(", ", SpendingCategories.All)}."));
        return null;
    }

    private static OnwardTransfer? OnwardTransferOf(SpendingCategory? category, OnwardTransferInput? input, List<FieldError> errors)
    {
        var given = NormaliseOnwardInput(input);
        if (category is null) return null;
        if (category != SpendingCategory.OnwardTransfer)
        {
            if (given is not null)
                errors.Add(FieldError.Invalid("onwardTransferTo", "onward-transfer-not-allowed",
                    $"onwardTransferTo belongs to category onward-transfer only, not {category.Value.WireName()}."));
            return null;
        }
        if (given is null)
        {
            errors.Add(FieldError.Invalid("onwardTransferTo", "onward-transfer-required",
                "onwardTransferTo {name, kvkNumber?} is required for category onward-transfer: whom the money went to."));
            return null;
        }
        var name = SpendingText.Required("onwardTransferTo.name", "onward-transfer-name", given.Name, SpendingText.MaxOnwardTransferNameLength, multiLine: false, errors);
        var kvk = SpendingText.Normalise(given.KvkNumber);
        if (kvk is not null && !(kvk.Length == 8 && kvk.All(char.IsAsciiDigit)))
        {
            errors.Add(FieldError.Invalid("onwardTransferTo.kvkNumber", "kvk-number-invalid", $"onwardTransferTo.kvkNumber '{Shorten(kvk)}' is not a KvK number of exactly 8 digits."));
            return null;
        }
        return name is null ? null : new OnwardTransfer(name, kvk);
    }

    /// <summary>An onward transfer with neither a name nor a KvK number is no onward transfer (an empty CSV cell pair).</summary>
    private static OnwardTransferInput? NormaliseOnwardInput(OnwardTransferInput? input) =>
        input is null || (SpendingText.Normalise(input.Name) is null && SpendingText.Normalise(input.KvkNumber) is null) ? null : input;

    private static OnwardTransfer? NormaliseOnward(OnwardTransferInput? input) =>
        NormaliseOnwardInput(input) is { } given && SpendingText.Normalise(given.Name) is { } name
            ? new OnwardTransfer(name, SpendingText.Normalise(given.KvkNumber))
            : null;

    /// <summary>Echoes at most 40 characters of a refused value, so a detail stays a sentence.</summary>
    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

/// <summary>How a repeated entryId's body relates to the stored entry.</summary>
public enum EntryMatch
{
    SameBody,
    DifferentBody,
}
