namespace Npvr.Funding.Domain.Disbursement;

/// <summary>Shape rules for the free-text fields of Disbursement's writes.</summary>
internal static class TrancheText
{
    public const int MaxReasonLength = 500;

    /// <summary>A bank's transfer reference; SEPA allows 35 characters, 64 leaves room for other banks' formats.</summary>
    public const int MaxBankReferenceLength = 64;

    /// <summary>The trimmed reason, or Invalid <c>reason-invalid</c>.</summary>
    public static string Reason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxReasonLength || trimmed.Any(char.IsControl))
            throw Invalid("reason-invalid", $"reason is required: 1 to {MaxReasonLength} characters, no control characters.");
        return trimmed;
    }

    /// <summary>
    /// Printable ASCII only (space to tilde): SEPA's character set is a subset of it, and it keeps look-alike
    /// characters out of a field auditors match against bank statements.
    /// </summary>
    public static string BankReference(string? reference)
    {
        if (reference is not { Length: > 0 and <= MaxBankReferenceLength } || !reference.All(c => c is >= ' ' and <= '~') || string.IsNullOrWhiteSpace(reference))
            throw Invalid("bank-reference-invalid", $"bankReference is required: 1 to {MaxBankReferenceLength} printable ASCII characters.");
        return reference;
    }

    public static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
