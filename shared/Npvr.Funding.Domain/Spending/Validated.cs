namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// A decision that reports every refused field at once (a CSV import lists every bad column), or its value.
/// Invalid fields come first in body order, conflicts (such as year-closed) after them, so
/// <see cref="ValueOrThrow"/> answers a 400 before a 409 on the JSON route.
/// </summary>
public sealed class Validated<T> where T : class
{
    private readonly T? _value;

    private Validated(T? value, IReadOnlyList<FieldError> errors)
    {
        _value = value;
        Errors = errors;
    }

    public IReadOnlyList<FieldError> Errors { get; }
    public bool IsValid => Errors.Count == 0;

    /// <summary>The value; only meaningful when <see cref="IsValid"/>.</summary>
    public T Value => _value ?? throw new InvalidOperationException("A refused decision has no value; read Errors.");

    /// <summary>The value, or the first refusal thrown as a <see cref="DomainException"/> (the JSON route's answer).</summary>
    public T ValueOrThrow() => IsValid ? Value : throw new DomainException(Errors[0].Error);

    public static Validated<T> Valid(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), []);

    public static Validated<T> Refused(IEnumerable<FieldError> errors)
    {
        var ordered = errors.OrderBy(e => e.Error.Kind == ErrorKind.Invalid ? 0 : 1).ToList();
        return ordered.Count == 0 ? throw new ArgumentException("A refusal needs at least one error.", nameof(errors)) : new(null, ordered);
    }
}
