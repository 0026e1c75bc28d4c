using Npvr.Funding.Domain;

namespace Npvr.Funding.Hosting;

/// <summary>An RFC 9457 problem+json body with a stable <c>type</c> code.</summary>
public sealed record Problem(string Type, string Title, int Status, string Detail)
{
    public static Problem BadRequest(string type, string detail) => new(type, "The request is not valid.", 400, detail);
    /// <param name="unreadable">Why a principal that was sent could not be read; null when none was sent.</param>
    public static Problem Unauthorized(string? unreadable = null) =>
        new("unauthenticated", "Sign-in required.", 401, unreadable is null
            ? "The request carries no X-MS-CLIENT-PRINCIPAL; sign in first."
            : $"The X-MS-CLIENT-PRINCIPAL sent cannot be read ({unreadable}); sign in again.");
    public static Problem Forbidden(string type, string detail) => new(type, "Not allowed.", 403, detail);
    public static Problem NotFound(string type, string detail) => new(type, "Not found.", 404, detail);
    public static Problem Conflict(string type, string detail) => new(type, "Conflict with the current state.", 409, detail);

    /// <summary>Longest detail text echoed back; a problem never repeats a large input to its sender.</summary>
    public const int MaxDetailLength = 300;

    /// <summary><paramref name="detail"/>, cut to <see cref="MaxDetailLength"/> characters.</summary>
    public static string Bounded(string detail) => detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength] + "…";

    public static Problem From(DomainError error) => error.Kind switch
    {
        ErrorKind.Invalid => BadRequest(error.Type, error.Detail),
        ErrorKind.NotFound => NotFound(error.Type, error.Detail),
        ErrorKind.Conflict => Conflict(error.Type, error.Detail),
        ErrorKind.Forbidden => Forbidden(error.Type, error.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Kind, "Unknown error kind."),
    };
}

/// <summary>Thrown inside an HTTP function to answer the caller with a problem; nothing is written.</summary>
public sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem { get; } = problem;
}
