using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Domain.PersonalData;

/// <summary>Whose personal data is to be erased (one Entra object id, or one e-mail address) and the recorded reason.</summary>
public sealed record ErasureRequest(Guid? ObjectId, string? Email, string Reason);

/// <summary>
/// The rules of an erasure request (issue 12, point 6): exactly one subject, a person's Entra object id or an e-mail
/// address, never a name (names are not unique), and a reason that is recorded with the erasure: a case reference,
/// since the journal keeps it in clear.
/// </summary>
public static class ErasureRequests
{
    public const int MaxReasonLength = 500;

    public static ErasureRequest Validate(string? objectId, string? email, string? reason)
    {
        if ((objectId is null) == (email is null))
            throw Invalid("erasure-subject-invalid", "Name exactly one subject: objectId (a person's Entra object id) or email (an e-mail address).");
        Guid? id = null;
        if (objectId is not null)
        {
            if (!Guid.TryParseExact(objectId, "D", out var parsed) || parsed == Guid.Empty)
                throw Invalid("object-id-invalid", "objectId is an Entra object id: a GUID with hyphens, not all zeros.");
            id = parsed;
        }
        var address = email?.Trim();
        if (address is not null && !KassierDesignations.LooksLikeEmail(address))
            throw Invalid("email-invalid", "email is not an e-mail address (printable ASCII, one @, at most 254 characters).");
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxReasonLength || !PlainText.IsPlain(text))
            throw Invalid("reason-invalid", $"reason is required: at most {MaxReasonLength} characters, no control characters (a case reference, not the person's name).");
        return new ErasureRequest(id, address, text);
    }

    private static DomainException Invalid(string type, string detail) => new(DomainError.Invalid(type, detail));
}
