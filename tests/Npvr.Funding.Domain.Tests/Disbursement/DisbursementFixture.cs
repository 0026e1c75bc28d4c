using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Domain.Tests.Disbursement;

/// <summary>Programmes, facts and tranches for Disbursement tests; every value is built fresh per call.</summary>
internal static class DisbursementFixture
{
    public const string ProgrammeId = "npvr-procesmiddelen";
    public const int Year = 2025;
    public static readonly DateTimeOffset IssuedAt = new(2025, 4, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2025, 4, 10);
    public static readonly Money Gross = Money.Parse("350000.00");

    public static Programme NpvrProgramme(string fund = Funds.Gemeentefonds) =>
        new(ProgrammeId, "NPVR procesmiddelen", "DU", fund, [2025, 2026, 2027], [.. Regions.All.Select(r => r.Id)], Gross);

    public static OrganisationCode Code(string code) => OrganisationCode.Parse(code);

    public static IReadOnlySet<string> Acting(params string[] codes) => new HashSet<string>(codes, StringComparer.Ordinal);

    public static AllocationFacts Determined(string estimate, int version = 1) =>
        new(version, Gross, Gross - Money.Parse(estimate), Money.Parse(estimate));

    public static RegionYearTranches NoTranches(string regionId, int year = Year) => RegionYearTranches.Empty(ProgrammeId, year, regionId);

    public static RegionYearFacts Ready(string regionId, string estimate = "8677.69", string kassier = "GM0222") =>
        new(regionId, Determined(estimate), Code(kassier), NoTranches(regionId));

    /// <summary>An issued regular tranche of the Achterhoek example (341322.31), through freeze and issue.</summary>
    public static IssueDecision IssueAchterhoek(RegionYearTranches? tranches = null, string kassier = "GM0222", string runId = "run-1") =>
        IssueFor(tranches ?? NoTranches("achterhoek"), "achterhoek", "8677.69", kassier, runId);

    public static IssueDecision IssueFor(RegionYearTranches tranches, string regionId, string estimate, string kassier, string runId)
    {
        var facts = new RegionYearFacts(regionId, Determined(estimate), Code(kassier), tranches);
        var pending = IssueRuns.DecideRegion(NpvrProgramme(), Year, false, facts, runId).Pending
            ?? throw new InvalidOperationException($"{regionId} was not queued.");
        var frozen = new FrozenAllocation(ProgrammeId, Year, regionId, pending.AllocationVersion, Gross, Gross - Money.Parse(estimate),
            Money.Parse(estimate), pending.TrancheId, runId);
        return Tranches.Issue(tranches, frozen, pending.Kassier, Funds.Gemeentefonds, false, IssuedAt);
    }

    public static ReceiptInput Receipt(string amount, DateOnly? receivedOn = null, string? bankReference = "NL-BZK-2025-0001") =>
        new(receivedOn ?? Today, Money.Parse(amount), bankReference);

    public static DomainError Refusal(Action decide) => Assert.Throws<DomainException>(decide).Error;
}
