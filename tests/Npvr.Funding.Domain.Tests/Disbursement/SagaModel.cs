using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;
using static Npvr.Funding.Domain.Tests.Disbursement.DisbursementFixture;

namespace Npvr.Funding.Domain.Tests.Disbursement;

/// <summary>One step a property test plays: what kind, and two numbers it picks with (a message, a tranche, an amount).</summary>
internal sealed record SagaStep(SagaStepKind Kind, int Pick, int Amount);

internal enum SagaStepKind
{
    Estimate,
    IssueRun,
    Deliver,
    DeliverTwice,
    ConfirmReceipt,
    Void,
    Resolve,
    ReplaceKassier,
}

/// <summary>
/// The Achterhoek 2025 allocation and its tranches across both apps, with the bus in between: every message waits in a
/// bag and is delivered in any order, possibly twice. Each step calls the real deciders; refusals (DomainException)
/// are normal outcomes, a broken invariant (InvalidOperationException, or a check below) fails the property.
/// </summary>
internal sealed class SagaModel
{
    private const string RegionId = "achterhoek";
    private static readonly string[] KassierCodes = ["GM0222", "GM1859"];

    private readonly Programme programme = NpvrProgramme();
    private readonly List<object> bus = [];
    private readonly Dictionary<int, AllocationFacts> versions = [];
    private readonly Dictionary<string, PendingTranche> pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> receiptEvents = new(StringComparer.Ordinal);
    private AllocationState allocation = AllocationState.Initial(Gross);
    private AllocationFacts? projected;
    private RegionYearTranches tranches = NoTranches(RegionId);
    private int kassierIndex;
    private int runCount;

    public int IssuedCount => tranches.Tranches.Count;

    /// <summary>Everything that happened in this run (refusal types, freeze refusal reasons, milestones), to show the generator reaches them.</summary>
    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public void Play(SagaStep step)
    {
        try
        {
            Apply(step);
        }
        catch (DomainException refusal)
        {
            EnsureExpected(step, refusal.Error);
            Seen.Add(refusal.Error.Type);
        }
        CheckInvariants();
    }

    private void Apply(SagaStep step)
    {
        switch (step.Kind)
        {
            case SagaStepKind.Estimate: Estimate(step.Amount); break;
            case SagaStepKind.IssueRun: IssueRun(); break;
            case SagaStepKind.Deliver: Deliver(step.Pick, keep: false); break;
            case SagaStepKind.DeliverTwice: Deliver(step.Pick, keep: true); break;
            case SagaStepKind.ConfirmReceipt: ConfirmReceipt(step.Pick, step.Amount); break;
            case SagaStepKind.Void: Void(step.Pick); break;
            case SagaStepKind.Resolve: Resolve(step.Pick); break;
            case SagaStepKind.ReplaceKassier: kassierIndex = 1 - kassierIndex; break;
            default: throw new ArgumentOutOfRangeException(nameof(step), step.Kind, null);
        }
    }

    private void Estimate(int estimateCents)
    {
        allocation = Allocations.Determine(programme, Year, RegionId, allocation, new VatEstimate(Money.FromCents(estimateCents), null, null));
        var facts = new AllocationFacts(allocation.Version, allocation.Gross, allocation.NetDu, allocation.BcfDeposit);
        versions.Add(facts.Version, facts);
        bus.Add(SagaDriver.RoundTrip(new AllocationDetermined(ProgrammeId, Year, RegionId, facts.Gross, facts.BcfDeposit, facts.NetDu, facts.BcfDeposit, facts.Version)));
    }

    private void IssueRun()
    {
        var runId = $"run-{++runCount}";
        var facts = new RegionYearFacts(RegionId, projected, Code(KassierCodes[kassierIndex]), tranches);
        if (IssueRuns.DecideRegion(programme, Year, false, facts, runId).Pending is not { } next) return;
        pending.TryAdd(next.TrancheId, next);
        bus.Add(FreezeAllocation.For(next));
    }

    private void Deliver(int pick, bool keep)
    {
        if (bus.Count == 0) return;
        var message = bus[pick % bus.Count];
        if (!keep) bus.RemoveAt(pick % bus.Count);
        switch (SagaDriver.RoundTripAsItsType(message))
        {
            case AllocationDetermined d when projected is null || d.Version > projected.Version:
                projected = new AllocationFacts(d.Version, d.Gross, d.NetDu, d.BcfDeposit);
                break;
            case FreezeAllocation command:
                var decision = Allocations.Freeze(allocation, command.ToRequest());
                allocation = decision.State;
                bus.Add(command.Answer(decision).Data);
                Seen.Add(decision.RefusalReason ?? "frozen");
                break;
            case AllocationFrozen frozen:
                var issued = Tranches.Issue(tranches, frozen.ToFrozen(), pending[frozen.TrancheId].Kassier, programme.Fund, false, IssuedAt);
                tranches = issued.Next;
                break;
            case TrancheVoided voided:
                allocation = Allocations.Release(allocation, voided.TrancheId).State;
                break;
            default:
                break; // an older AllocationDetermined, or a refusal: nothing changes
        }
    }

    private Tranche? Pick(int pick) => tranches.Tranches.Count == 0 ? null : tranches.Tranches[pick % tranches.Tranches.Count];

    private void ConfirmReceipt(int pick, int amountChoice)
    {
        if (Pick(pick) is not { } tranche) return;
        var amount = (amountChoice % 3) switch { 0 => tranche.Amount, 1 => tranche.Amount - Money.FromCents(1 + amountChoice), _ => tranche.Amount + Money.FromCents(amountChoice) };
        if (!(amount > Money.Zero)) amount = tranche.Amount;
        // Half the time the organisation that is kassier now confirms, which is not always the one paid.
        var acting = amountChoice % 2 == 0 ? tranche.KassierOrganisationCode : KassierCodes[kassierIndex];
        var confirmed = Tranches.ConfirmReceipt(tranche, new ReceiptInput(Today, amount, "NL-REF"), Acting(acting), Today, false);
        Check(acting == tranche.KassierOrganisationCode, $"{acting} confirmed {tranche.TrancheId}, paid to {tranche.KassierOrganisationCode}");
        tranches = tranches.With(confirmed);
        receiptEvents[confirmed.TrancheId] = receiptEvents.GetValueOrDefault(confirmed.TrancheId) + DisbursementEvents.OfReceipt(confirmed).Count;
    }

    private void Void(int pick)
    {
        if (Pick(pick) is not { } tranche) return;
        var voided = Tranches.Void(tranche, "Property test", "finance-1", false, IssuedAt);
        tranches = tranches.With(voided);
        bus.Add(TrancheVoided.From(voided));
    }

    private void Resolve(int pick)
    {
        if (Pick(pick) is not { } tranche) return;
        var action = tranche.ReceiptDifference is { IsNegative: true } ? ResolutionAction.Supplement : ResolutionAction.Recovery;
        tranches = Tranches.ResolveDiscrepancy(tranches, tranche.TrancheId, new ResolutionInput("Property test", action), "finance-1", false, IssuedAt).Next;
    }

    /// <summary>Refusals the model provokes on purpose; any other refusal is a surprise and fails the property.</summary>
    private static void EnsureExpected(SagaStep step, DomainError error)
    {
        string[] expected = step.Kind switch
        {
            SagaStepKind.Estimate => ["allocation-already-disbursed"],
            SagaStepKind.ConfirmReceipt => ["not-kassier-of-tranche", "tranche-already-confirmed", "tranche-voided"],
            SagaStepKind.Void => ["tranche-not-voidable"],
            SagaStepKind.Resolve => ["no-open-discrepancy", "too-many-tranches"],
            _ => [],
        };
        if (!expected.Contains(error.Type))
            throw new InvalidOperationException($"{step} was refused unexpectedly: {error.Type} ({error.Detail}).");
    }

    private void CheckInvariants()
    {
        if (tranches.Tranches.Any(t => t.Kind == TrancheKind.Regular && t.Sequence > 1)) Seen.Add("re-issued");
        if (tranches.Tranches.Any(t => t.Kind == TrancheKind.Supplementary)) Seen.Add("supplemented");
        if (tranches.Tranches.Any(t => t.Status == TrancheStatus.Received)) Seen.Add("received");
        tranches.EnsureWellFormed();
        foreach (var facts in versions.Values)
            Check(facts.NetDu + facts.BcfDeposit == facts.Gross, $"version {facts.Version}: net DU + BCF deposit != gross");
        foreach (var t in tranches.Tranches)
        {
            if (t.Kind == TrancheKind.Regular)
                Check(t.Amount == versions[t.AllocationVersion].NetDu && t.BcfDeposit == versions[t.AllocationVersion].BcfDeposit,
                    $"{t.TrancheId} pays {t.Amount}, version {t.AllocationVersion} has net DU {versions[t.AllocationVersion].NetDu}");
            else
                Check(tranches.Find(t.SupplementsTrancheId!) is { Receipt: { } r } original && r.Amount + t.Amount == original.Amount,
                    $"{t.TrancheId} does not pay exactly the shortfall of {t.SupplementsTrancheId}");
            Check(receiptEvents.GetValueOrDefault(t.TrancheId) == (t.Receipt is null ? 0 : 1), $"{t.TrancheId} has {receiptEvents.GetValueOrDefault(t.TrancheId)} receipt events");
        }
        var active = tranches.Tranches.Where(t => t.Kind == TrancheKind.Regular && t.Status != TrancheStatus.Voided).ToList();
        Check(active.Count <= 1, $"{active.Count} regular tranches are not voided");
        if (active is [var paying])
            Check(allocation.Freeze == new AllocationFreeze(paying.AllocationVersion, paying.TrancheId) && allocation.Version == paying.AllocationVersion,
                $"{paying.TrancheId} pays v{paying.AllocationVersion} but Allocation holds {allocation.Freeze} at v{allocation.Version}");
        Check(allocation.NetDu + allocation.BcfDeposit == allocation.Gross, "Allocation's net DU + BCF deposit != gross");
        // A freeze never outlives its voided tranche: only while the TrancheVoided is still on its way may it hold.
        if (allocation.Freeze is { } held && tranches.Find(held.TrancheId) is { Status: TrancheStatus.Voided })
            Check(bus.OfType<TrancheVoided>().Any(v => v.TrancheId == held.TrancheId), $"Allocation is frozen for {held.TrancheId}, which was voided and released");
    }

    private static void Check(bool holds, string broken)
    {
        if (!holds) throw new InvalidOperationException("Invariant broken: " + broken);
    }
}
