using Azure.Data.Tables;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Statements;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>Reads statements from the projection in each region's journal head (see <see cref="StatementProjection"/>).</summary>
internal static class Statements
{
    /// <summary>The programme as Spending projected it; 404 when Spending has not heard of it.</summary>
    public static async Task<Programme> ProgrammeAsync(TableClient projections, string programmeId, CancellationToken cancellationToken) =>
        await ProgrammeRows.ReadAsync(projections, programmeId, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound("programme-not-found", $"There is no programme '{programmeId}'."));

    /// <summary>A statement year is from the programme's first year on (later years carry the balance over).</summary>
    public static void RequireYear(Programme programme, int year)
    {
        var first = programme.Years.Min();
        if (year < first || year - first >= RegionYearStatement.MaxYears)
            throw new ProblemException(Problem.BadRequest("year-invalid",
                $"year is a year of {programme.ProgrammeId} from {first} on (at most {first + RegionYearStatement.MaxYears - 1})."));
    }

    /// <summary>The region's statement of <paramref name="year"/>, with the journal head it is folded to.</summary>
    public static async Task<(RegionYearStatement Statement, RegionYearLedger Ledger, ChainHead Head)> OfAsync(
        TableClient journal, Programme programme, string regionId, int year, CancellationToken cancellationToken)
    {
        var (head, _, stored) = await JournalStore.HeadWithStatementsAsync(journal, regionId, cancellationToken);
        var ledgers = StatementProjection.Read(stored);
        var chain = StatementProjection.Chain(ledgers, programme.ProgrammeId, regionId, programme.Years.Min(), year);
        var ledger = ledgers.TryGetValue(StatementProjection.Key(programme.ProgrammeId, year), out var l) ? l : RegionYearLedger.Empty(programme.ProgrammeId, year, regionId);
        return (chain[^1], ledger, head);
    }
}
