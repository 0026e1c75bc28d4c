using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class DisbursementWireTests
{
    private static JObject Json(object record) => (JObject)FundingJson.Parse(FundingJson.Serialize(record));

    private static (Tranche Short, ResolutionDecision Resolution) ShortAndSupplemented()
    {
        var issued = IssueAchterhoek();
        var confirmed = Tranches.ConfirmReceipt(issued.Tranche, Receipt("341000.00", new DateOnly(2025, 4, 3), "NL-REF-1"), Acting("GM0222"), Today, false);
        var resolution = Tranches.ResolveDiscrepancy(issued.Next.With(confirmed), confirmed.TrancheId, new ResolutionInput("Partial", ResolutionAction.Supplement), "finance-1", false, IssuedAt);
        return (confirmed, resolution);
    }

    [Fact]
    public void Tranche_issued_carries_the_allocation_version_sequence_fund_and_run_with_amounts_as_strings()
    {
        var json = Json(TrancheIssued.From(IssueAchterhoek().Tranche));

        Assert.Equal("npvr-procesmiddelen.2025.achterhoek.1", (string?)json["trancheId"]);
        Assert.Equal(JTokenType.String, json["amount"]!.Type);
        Assert.Equal(("341322.31", "8677.69"), ((string?)json["amount"], (string?)json["bcfDeposit"]));
        Assert.Equal((1, 1, "Gemeentefonds", "run-1"), ((int)json["allocationVersion"]!, (int)json["sequence"]!, (string?)json["fund"], (string?)json["runId"]));
        Assert.Equal(("regular", "GM0222"), ((string?)json["kind"], (string?)json["kassierOrganisationCode"]));
        Assert.Equal("2025-04-01T09:00:00.0000000Z", (string?)json["issuedAt"]);
        Assert.Equal(JTokenType.Null, json["supplementsTrancheId"]!.Type);
    }

    [Fact]
    public void A_tranche_issued_event_written_before_the_new_fields_still_reads()
    {
        var old = """{"trancheId":"t","programmeId":"p","year":2025,"regionId":"achterhoek","kassierOrganisationCode":"GM0222","amount":"341322.31","bcfDeposit":"8677.69","issuedAt":"2025-04-01T09:00:00Z"}""";

        var read = FundingJson.Deserialize<TrancheIssued>(old);

        Assert.Equal(("achterhoek", 2025, "341322.31"), (read.RegionId, read.Year, read.Amount.ToString()));
    }

    [Fact]
    public void Receipt_events_write_dates_as_yyyy_mm_dd_and_keep_both_figures()
    {
        var (shortTranche, _) = ShortAndSupplemented();

        var json = Json(TrancheDiscrepancyRaised.From(shortTranche));

        Assert.Equal("2025-04-03", (string?)json["receivedOn"]);
        Assert.Equal(("341322.31", "341000.00", "-322.31"), ((string?)json["expected"], (string?)json["received"], (string?)json["difference"]));
        Assert.Equal("NL-REF-1", (string?)json["bankReference"]);
    }

    [Fact]
    public void The_resolution_names_the_supplementary_tranche_and_its_amount()
    {
        var (_, resolution) = ShortAndSupplemented();

        var json = Json(TrancheDiscrepancyResolved.From(resolution));
        var supplement = Json(TrancheIssued.From(resolution.Supplementary!));

        Assert.Equal(("supplement", "npvr-procesmiddelen.2025.achterhoek.2", "322.31"), ((string?)json["action"], (string?)json["supplementaryTrancheId"], (string?)json["supplementAmount"]));
        Assert.Equal(JTokenType.Null, json["recoveryAmount"]!.Type);
        Assert.Equal(("supplementary", "npvr-procesmiddelen.2025.achterhoek.1", "322.31"), ((string?)supplement["kind"], (string?)supplement["supplementsTrancheId"], (string?)supplement["amount"]));
        Assert.Equal(JTokenType.Null, supplement["runId"]!.Type);
    }

    [Fact]
    public void Every_new_message_reads_back_equal()
    {
        var (shortTranche, resolution) = ShortAndSupplemented();
        var voided = Tranches.Void(IssueAchterhoek().Tranche, "Wrong account", "finance-1", false, IssuedAt);
        var received = Tranches.ConfirmReceipt(IssueAchterhoek().Tranche, Receipt("341322.31"), Acting("GM0222"), Today, false);
        var frozen = new AllocationFrozen(ProgrammeId, Year, "achterhoek", 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.69"), "npvr-procesmiddelen.2025.achterhoek.1", "run-1");

        AssertRoundTrip(new IssueTranche("run-1", ProgrammeId, Year, "achterhoek"));
        AssertRoundTrip(new FreezeAllocation(ProgrammeId, Year, "achterhoek", 1, "npvr-procesmiddelen.2025.achterhoek.1", "run-1"));
        AssertRoundTrip(frozen);
        AssertRoundTrip(new AllocationFreezeRefused(ProgrammeId, Year, "achterhoek", 1, 2, "allocation-version-stale", "npvr-procesmiddelen.2025.achterhoek.1", "run-1"));
        AssertRoundTrip(new AllocationReleased(ProgrammeId, Year, "achterhoek", 1, "npvr-procesmiddelen.2025.achterhoek.1"));
        AssertRoundTrip(TrancheIssued.From(resolution.Supplementary!));
        AssertRoundTrip(TrancheReceived.From(received));
        AssertRoundTrip(TrancheDiscrepancyRaised.From(shortTranche));
        AssertRoundTrip(TrancheDiscrepancyResolved.From(resolution));
        AssertRoundTrip(TrancheVoided.From(voided));
        Assert.Equal("341322.31", (string?)Json(frozen)["netDu"]);
    }

    [Fact]
    public void A_freeze_answer_is_allocation_frozen_with_the_frozen_figures_or_the_refusal_with_both_versions()
    {
        var command = new FreezeAllocation(ProgrammeId, Year, "achterhoek", 1, "npvr-procesmiddelen.2025.achterhoek.1", "run-7");
        var determined = Allocations.Determine(NpvrProgramme(), Year, "achterhoek", AllocationState.Initial(Gross), new VatEstimate(Money.Parse("8677.69"), null, null));

        var frozen = command.Answer(Allocations.Freeze(determined, command.ToRequest()));
        var repeated = command.Answer(Allocations.Freeze(Allocations.Freeze(determined, command.ToRequest()).State, command.ToRequest()));
        var refused = (command with { Version = 3 }).Answer(Allocations.Freeze(determined, (command with { Version = 3 }).ToRequest()));

        Assert.Equal(EventTypes.AllocationFrozen, frozen.Type);
        Assert.Equal(frozen, repeated);
        Assert.Equal(new FrozenAllocation(ProgrammeId, Year, "achterhoek", 1, Gross, Money.Parse("341322.31"), Money.Parse("8677.69"), command.TrancheId, "run-7"),
            ((AllocationFrozen)frozen.Data).ToFrozen());
        Assert.Equal(EventTypes.AllocationFreezeRefused, refused.Type);
        Assert.Equal((3, 1, "allocation-version-stale"), (((AllocationFreezeRefused)refused.Data).RequestedVersion, ((AllocationFreezeRefused)refused.Data).CurrentVersion, ((AllocationFreezeRefused)refused.Data).Reason));
    }

    private static void AssertRoundTrip<T>(T message) where T : notnull => Assert.Equal(message, FundingJson.Deserialize<T>(FundingJson.Serialize(message)));
}
