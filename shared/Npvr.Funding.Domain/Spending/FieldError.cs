namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// One refused field: <see cref="Field"/> is its name in the JSON body ("amount", "onwardTransferTo.kvkNumber"),
/// <see cref="Error"/> the refusal with its stable type code and a sentence naming the field.
/// </summary>
public sealed record FieldError(string Field, DomainError Error)
{
    public string Type => Error.Type;
    public string Detail => Error.Detail;

    public static FieldError Invalid(string field, string type, string detail) => new(field, DomainError.Invalid(type, detail));
    public static FieldError Conflict(string field, string type, string detail) => new(field, DomainError.Conflict(type, detail));
}
