namespace Npvr.Funding.Domain.Spending;

/// <summary>The checks of the single fields of an entry, each adding its refusal to the list it is given.</summary>
public static partial class SpendingEntries
{
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
}
