using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Npvr.Funding.Domain.Tests.Disbursement;

public class SagaPropertyTests
{
    /// <summary>Long enough for estimate, issue, freeze, answer, receipt, void and re-issue to interleave several times.</summary>
    private const int MaxStepsPerRun = 80;

    private static readonly Gen<int> EstimateCents = Gen.OneOf(
        Gen.Choose(0, 35_000_000),
        Gen.Elements(0, 867_769, 1_000_000, 35_000_000));

    /// <summary>Deliveries weighted up: most of the interesting orderings are about which message arrives when.</summary>
    private static readonly Gen<SagaStep> Step = Gen.Frequency(
        (3, EstimateCents.Select(c => new SagaStep(SagaStepKind.Estimate, 0, c))),
        (3, Gen.Constant(new SagaStep(SagaStepKind.IssueRun, 0, 0))),
        (8, Gen.Choose(0, 1000).Select(p => new SagaStep(SagaStepKind.Deliver, p, 0))),
        (2, Gen.Choose(0, 1000).Select(p => new SagaStep(SagaStepKind.DeliverTwice, p, 0))),
        (3, Gen.Choose(0, 1000).SelectMany(_ => Gen.Choose(0, 50_000), (p, a) => new SagaStep(SagaStepKind.ConfirmReceipt, p, a))),
        (2, Gen.Choose(0, 1000).Select(p => new SagaStep(SagaStepKind.Void, p, 0))),
        (2, Gen.Choose(0, 1000).Select(p => new SagaStep(SagaStepKind.Resolve, p, 0))),
        (1, Gen.Constant(new SagaStep(SagaStepKind.ReplaceKassier, 0, 0))));

    private static readonly Arbitrary<SagaStep[]> Steps = Arb.From(Gen.Choose(1, MaxStepsPerRun).SelectMany(n => Gen.ArrayOf(Step, n)));

    /// <summary>
    /// Whatever the order of estimates, runs, freezes, answers (late, repeated), receipts, voids and resolutions:
    /// every regular tranche pays exactly the net DU of the version it names and Allocation holds that version for
    /// it; at most one regular tranche per region-year is not voided; a tranche is received at most once;
    /// net DU + BCF deposit = gross for every version.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property No_interleaving_of_the_saga_breaks_an_invariant() =>
        Prop.ForAll(Steps, steps =>
        {
            var model = new SagaModel();
            foreach (var step in steps) model.Play(step);
        });

    /// <summary>Guards the property above against passing vacuously: generated runs reach every path it is about.</summary>
    [Fact]
    public void The_generated_steps_reach_issue_re_issue_supplement_and_every_kind_of_refusal()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var issuing = 0;
        foreach (var steps in Gen.Sample(Gen.ArrayOf(Step, MaxStepsPerRun), 300))
        {
            var model = new SagaModel();
            foreach (var step in steps) model.Play(step);
            if (model.IssuedCount > 0) issuing++;
            foreach (var what in model.Seen) seen[what] = seen.GetValueOrDefault(what) + 1;
        }

        Assert.True(issuing > 100, $"Only {issuing} of 300 generated runs issued a tranche.");
        string[] paths = ["frozen", "received", "re-issued", "supplemented", "allocation-version-stale", "allocation-frozen-elsewhere",
            "tranche-superseded", "allocation-already-disbursed", "not-kassier-of-tranche", "tranche-already-confirmed", "tranche-not-voidable"];
        Assert.All(paths, path => Assert.True(seen.GetValueOrDefault(path) > 0, $"No generated run reached {path}; seen: {string.Join(", ", seen.Select(kv => $"{kv.Key}={kv.Value}"))}."));
    }

    [Fact]
    public void Estimate_then_run_then_delivering_every_message_issues_one_tranche()
    {
        var model = new SagaModel();
        SagaStep[] steps =
        [
            new(SagaStepKind.Estimate, 0, 867_769), new(SagaStepKind.Deliver, 0, 0), new(SagaStepKind.IssueRun, 0, 0),
            new(SagaStepKind.Deliver, 0, 0), new(SagaStepKind.Deliver, 0, 0),
        ];

        foreach (var step in steps) model.Play(step);

        Assert.Equal(1, model.IssuedCount);
    }
}
