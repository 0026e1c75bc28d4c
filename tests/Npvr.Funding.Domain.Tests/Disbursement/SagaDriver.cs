using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Domain.Tests.Disbursement;

/// <summary>
/// Allocation and Disbursement of one programme year, wired the way the apps will be, but synchronous and in memory:
/// estimates, an issue run through the queue, FreezeAllocation and its answer, tranche writes and the void's release.
/// Every message passes through its Contracts record and the shared JSON settings, as on the bus.
/// </summary>
internal sealed class SagaDriver
{
    private readonly Programme programme;
    private readonly int year;

    public SagaDriver(Programme programme, int year = DisbursementFixture.Year)
    {
        this.programme = programme;
        this.year = year;
        foreach (var regionId in programme.Regions)
        {
            AllocationStates[regionId] = AllocationState.Initial(programme.GrossPerRegionPerYear);
            RegionYears[regionId] = RegionYearTranches.Empty(programme.ProgrammeId, year, regionId);
        }
    }

    public Dictionary<string, AllocationState> AllocationStates { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RegionYearTranches> RegionYears { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, OrganisationCode> Kassiers { get; } = new(StringComparer.Ordinal);
    public List<OutgoingEvent> Journal { get; } = [];
    public bool YearClosed { get; set; }

    public Tranche Tranche(string trancheId) =>
        RegionYears.Values.SelectMany(r => r.Tranches).Single(t => t.TrancheId == trancheId);

    public void Estimate(string regionId, string compensableVat) =>
        AllocationStates[regionId] = Allocations.Determine(programme, year, regionId, AllocationStates[regionId], new VatEstimate(Money.Parse(compensableVat), null, null));

    public RegionYearFacts Facts(string regionId)
    {
        var a = AllocationStates[regionId];
        var allocation = a.CompensableVatEstimate is null ? null : new AllocationFacts(a.Version, a.Gross, a.NetDu, a.BcfDeposit);
        return new RegionYearFacts(regionId, allocation, Kassiers.GetValueOrDefault(regionId), RegionYears[regionId]);
    }

    /// <summary>POST .../tranches, then every queued region's message processed in turn. Returns the plan and the final run.</summary>
    public (IssueRun Planned, IssueRun Final) IssueYear(string runId)
    {
        var planned = IssueRuns.Plan(runId, programme, year, YearClosed, [.. programme.Regions.Select(Facts)], DisbursementFixture.IssuedAt);
        var run = planned;
        foreach (var regionId in planned.QueuedRegionIds)
            run = IssueRuns.Record(run, ProcessIssueTranche(RoundTrip(new IssueTranche(runId, programme.ProgrammeId, year, regionId))));
        return (planned, run);
    }

    private RegionRun ProcessIssueTranche(IssueTranche message)
    {
        var decision = IssueRuns.DecideRegion(programme, message.Year, YearClosed, Facts(message.RegionId), message.RunId);
        if (decision.Pending is not { } pending) return decision.Run;
        var command = RoundTrip(FreezeAllocation.For(pending));
        var freeze = Allocations.Freeze(AllocationStates[command.RegionId], command.ToRequest());
        AllocationStates[command.RegionId] = freeze.State;
        var answer = command.Answer(freeze);
        Journal.Add(answer);
        if (answer.Data is AllocationFreezeRefused refused) return RoundTrip(refused).RunLine();
        var frozen = RoundTrip((AllocationFrozen)answer.Data).ToFrozen();
        var issued = Tranches.Issue(RegionYears[frozen.RegionId], frozen, pending.Kassier, programme.Fund, YearClosed, DisbursementFixture.IssuedAt);
        RegionYears[frozen.RegionId] = issued.Next;
        Journal.AddRange(DisbursementEvents.Of(issued));
        return issued.RunLine(frozen.RunId);
    }

    public Tranche ConfirmReceipt(string trancheId, ReceiptInput receipt, params string[] acting)
    {
        var confirmed = Tranches.ConfirmReceipt(Tranche(trancheId), receipt, DisbursementFixture.Acting(acting), DisbursementFixture.Today, YearClosed);
        RegionYears[confirmed.RegionId] = RegionYears[confirmed.RegionId].With(confirmed);
        Journal.AddRange(DisbursementEvents.OfReceipt(confirmed));
        return confirmed;
    }

    public ResolutionDecision Resolve(string trancheId, ResolutionAction action, string reason = "Bank booked a partial transfer")
    {
        var regionId = Tranche(trancheId).RegionId;
        var decision = Tranches.ResolveDiscrepancy(RegionYears[regionId], trancheId, new ResolutionInput(reason, action), "finance-1", YearClosed, DisbursementFixture.IssuedAt.AddDays(20));
        RegionYears[regionId] = decision.Next;
        Journal.AddRange(DisbursementEvents.Of(decision));
        return decision;
    }

    /// <summary>Void, then TrancheVoided over the bus to Allocation, which releases the freeze it held.</summary>
    public Tranche Void(string trancheId, string reason = "Wrong bank account")
    {
        var voided = Tranches.Void(Tranche(trancheId), reason, "finance-1", YearClosed, DisbursementFixture.IssuedAt.AddDays(1));
        RegionYears[voided.RegionId] = RegionYears[voided.RegionId].With(voided);
        var events = DisbursementEvents.OfVoid(voided);
        Journal.AddRange(events);
        var message = RoundTrip((TrancheVoided)events[0].Data);
        var release = Allocations.Release(AllocationStates[message.RegionId], message.TrancheId);
        AllocationStates[message.RegionId] = release.State;
        Journal.AddRange(DisbursementEvents.Of(message, release));
        return voided;
    }

    public static T RoundTrip<T>(T message) where T : notnull => FundingJson.Deserialize<T>(FundingJson.Serialize(message));

    /// <summary>As <see cref="RoundTrip{T}"/> for a message held as object: read back as its own type, as a consumer that knows the type name does.</summary>
    public static object RoundTripAsItsType(object message) =>
        Newtonsoft.Json.JsonConvert.DeserializeObject(FundingJson.Serialize(message), message.GetType(), FundingJson.Settings)
        ?? throw new InvalidOperationException($"{message.GetType().Name} read back as nothing.");
}
