namespace Npvr.Funding.Domain;

/// <summary>What kind of refusal a decision made; the HTTP layer maps it to a status code.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A refusal with a stable type code (e.g. "kassier-not-designated") and a human sentence.</summary>
public sealed record DomainError(ErrorKind Kind, string Type, string Detail)
{
    public static DomainError Invalid(string type, string detail) => new(ErrorKind.Invalid, type, detail);
    public static DomainError NotFound(string type, string detail) => new(ErrorKind.NotFound, type, detail);
    public static DomainError Conflict(string type, string detail) => new(ErrorKind.Conflict, type, detail);
    public static DomainError Forbidden(string type, string detail) => new(ErrorKind.Forbidden, type, detail);
}

/// <summary>Thrown where a decision refuses; carries the error to the edge of the app.</summary>
public sealed class DomainException(DomainError error) : Exception(error.Detail)
{
    public DomainError Error { get; } = error;
}
