using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// A programme-year was closed for one region and sealed (<see cref="EventTypes.YearClosed"/>), one event per region,
/// journaled in that region's chain after <see cref="JournalHeadHash"/>.
/// </summary>
public sealed record YearClosed(
    string ProgrammeId,
    int Year,
    string RegionId,
    string SealHash,
    string JournalHeadHash,
    SealedStatement Statement,
    DateTimeOffset ClosedAt,
    [property: PersonalData(PersonalValue.NameKind, Person = PersonalDataAttribute.TheActor)] string ClosedBy)
{
    /// <summary>Seals <paramref name="statement"/> (one of YearCloseDecision.ToSeal) over the region's journal head at the close.</summary>
    public static YearClosed Create(RegionYearStatement statement, string journalHeadHash, DateTimeOffset closedAt, string closedBy)
    {
        var covered = SealedStatement.From(statement);
        var sealHash = Seal.Compute(journalHeadHash, Seal.CanonicalStatement(covered));
        return new YearClosed(covered.ProgrammeId, covered.Year, covered.RegionId, sealHash, journalHeadHash, covered, closedAt, closedBy);
    }

    public YearClosedFact ToFact() => new(ProgrammeId, Year, SealHash);
}
