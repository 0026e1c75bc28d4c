namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// The seal of a closed region-year (design.md section 4, issue 9): sealHash = SHA-256, lower-case hex, over the UTF-8
/// of the region's journal head hash at the close followed by the canonical JSON of the sealed statement (keys sorted
/// ordinally, no whitespace, amounts as "0.00" strings; see <see cref="CanonicalJson"/>).
/// </summary>
public static class Seal
{
    public static string CanonicalStatement(SealedStatement statement) => CanonicalJson.Write(FundingJson.ToJObject(statement));

    public static string Compute(string journalHeadHash, string canonicalStatementJson)
    {
        ArgumentNullException.ThrowIfNull(journalHeadHash);
        ArgumentException.ThrowIfNullOrEmpty(canonicalStatementJson);
        if (journalHeadHash.Length != 64 || !journalHeadHash.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("A journal head hash is 64 lower-case hex digits.", nameof(journalHeadHash));
        return Hashing.Sha256Hex(journalHeadHash + canonicalStatementJson);
    }

    /// <summary>Whether the event's seal hash is the one its head hash and statement give.</summary>
    public static bool Verify(YearClosed closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        return Compute(closed.JournalHeadHash, CanonicalStatement(closed.Statement)) == closed.SealHash;
    }
}
