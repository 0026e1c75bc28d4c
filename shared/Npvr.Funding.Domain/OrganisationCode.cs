namespace Npvr.Funding.Domain;

public enum OrganisationKind
{
    Gemeente,
    Provincie,
}

/// <summary>A CBS code: GM + 4 digits for a gemeente (GM0222 Doetinchem), PV + 2 digits for a provincie (PV25 Gelderland).</summary>
public sealed record OrganisationCode
{
    private OrganisationCode(string value, OrganisationKind kind)
    {
        Value = value;
        Kind = kind;
    }

    public string Value { get; }
    public OrganisationKind Kind { get; }

    /// <summary>The wire name of the kind: "gemeente" or "provincie".</summary>
    public string KindName => Kind == OrganisationKind.Gemeente ? "gemeente" : "provincie";

    public static bool TryParse(string? text, out OrganisationCode? code)
    {
        code = text switch
        {
            { Length: 6 } when text.StartsWith("GM", StringComparison.Ordinal) && AllDigits(text[2..]) =>
                new OrganisationCode(text, OrganisationKind.Gemeente),
            { Length: 4 } when text.StartsWith("PV", StringComparison.Ordinal) && AllDigits(text[2..]) =>
                new OrganisationCode(text, OrganisationKind.Provincie),
            _ => null,
        };
        return code is not null;
    }

    public static OrganisationCode Parse(string text) =>
        TryParse(text, out var code) ? code! : throw new FormatException($"'{text}' is not a CBS organisation code (GM + 4 digits or PV + 2 digits).");

    public override string ToString() => Value;

    private static bool AllDigits(string s) => s.All(char.IsAsciiDigit);
}
