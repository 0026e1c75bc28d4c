namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// Rules for the free-text fields of an entry. Text is trimmed; lengths count Unicode code points. Refused anywhere:
/// lone surrogates, control characters (line breaks and tabs are allowed in multi-line fields only) and U+FFFD, the
/// replacement character a lenient decoder leaves for bytes that were not valid UTF-8, so a mangled import is
/// refused instead of stored.
/// </summary>
public static class SpendingText
{
    public const int MaxCounterpartyLength = 200;
    public const int MaxDescriptionLength = 1000;
    public const int MaxInvoiceReferenceLength = 100;
    public const int MaxOnwardTransferNameLength = 200;
    public const int MaxReasonLength = 500;

    /// <summary>The trimmed text, or null with an error added when it is missing, too long or holds a refused character.</summary>
    public static string? Required(string field, string typePrefix, string? value, int maxLength, bool multiLine, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(FieldError.Invalid(field, $"{typePrefix}-required", $"{field} is required: 1 to {maxLength} characters."));
            return null;
        }
        return Checked(field, typePrefix, text, maxLength, multiLine, errors);
    }

    /// <summary>The trimmed text, null when missing or empty, or null with an error added when it breaks a rule.</summary>
    public static string? Optional(string field, string typePrefix, string? value, int maxLength, bool multiLine, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : Checked(field, typePrefix, text, maxLength, multiLine, errors);
    }

    /// <summary>The trimmed form the rules store, so a repeated body compares equal to the stored entry.</summary>
    public static string? Normalise(string? value) => value?.Trim() is { Length: > 0 } text ? text : null;

    private static string? Checked(string field, string typePrefix, string text, int maxLength, bool multiLine, List<FieldError> errors)
    {
        if (FirstRefusedCharacter(text, multiLine) is { } position)
        {
            var allowed = multiLine ? "line breaks and tabs are the only control characters allowed" : "it must be a single line";
            errors.Add(FieldError.Invalid(field, $"{typePrefix}-invalid-characters",
                $"{field} holds a control character, a lone surrogate or U+FFFD at position {position + 1}; {allowed}."));
            return null;
        }
        var codePoints = CodePoints(text);
        if (codePoints > maxLength)
        {
            errors.Add(FieldError.Invalid(field, $"{typePrefix}-too-long", $"{field} has {codePoints} characters; at most {maxLength} are allowed."));
            return null;
        }
        return text;
    }

    private static int? FirstRefusedCharacter(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || c == '\uFFFD') return i;
            if (char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t')) return i;
        }
        return null;
    }

    /// <summary>Code points of text already known to hold only paired surrogates.</summary>
    private static int CodePoints(string text) => text.Length - text.Count(char.IsLowSurrogate);
}
