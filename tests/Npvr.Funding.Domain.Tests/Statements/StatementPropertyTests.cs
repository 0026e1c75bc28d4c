using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Domain.Statements;

namespace Npvr.Funding.Domain.Tests.Statements;

public class StatementPropertyTests
{
    private const string P = "npvr-procesmiddelen";
    private const string R = "twente";

    /// <summary>One step of a random story: what happens (kind), two random numbers, and the year it is about.</summary>
    private sealed record Step(int Kind, int A, int B, int Year);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Choose(0, 7)
        from a in Gen.Choose(0, int.MaxValue)
        from b in Gen.Choose(0, int.MaxValue)
        from year in Gen.Elements(2025, 2026, 2027)
        select new Step(kind, a, b, year);

    /// <summary>
    /// Turns random steps into a valid journal (a tranche is received at most once, voided only before receipt, an entry
    /// reversed at most once) and keeps, next to it, the expected sums computed here, not by the fold.
    /// </summary>
    private sealed class Story
    {
        public List<StatementFact> Facts { get; } = [];
        public Dictionary<int, Expected> ByYear { get; } = new() { [2025] = new(), [2026] = new(), [2027] = new() };
        private readonly List<(string Id, int Year, long Issued, bool Voided, long? Received, bool Open)> _tranches = [];
        private readonly List<(Guid Id, int Year, long Amount, long Compensable, bool Reversed)> _entries = [];

        public void Play(Step step)
        {
            var expected = ByYear[step.Year];
            switch (step.Kind)
            {
                case 0:
                    var gross = 1 + (step.A % 100_000_000_000L);
                    var estimate = step.B % (gross + 1);
                    expected.Version++;
                    (expected.Gross, expected.Bcf, expected.Net) = (gross, estimate, gross - estimate);
                    Facts.Add(new AllocationFact(P, step.Year, expected.Version, Money.FromCents(gross), Money.FromCents(estimate), Money.FromCents(gross - estimate), false));
                    if (step.B % 3 == 0)
                        Facts.Add(new AllocationFact(P, step.Year, expected.Version, Money.FromCents(gross), Money.FromCents(estimate), Money.FromCents(gross - estimate), true));
                    break;
                case 1:
                    var id = $"t{_tranches.Count + 1}";
                    _tranches.Add((id, step.Year, 1 + (step.A % 100_000_000L), false, null, false));
                    Facts.Add(new TrancheIssuedFact(P, step.Year, id, Money.FromCents(_tranches[^1].Issued)));
                    break;
                case 2 or 3 or 5:
                    ConfirmOrVoid(step);
                    break;
                case 4:
                    Resolve(step);
                    break;
                case 6:
                    var amount = 1 + (step.A % 10_000_000L);
                    var compensable = step.B % (amount + 1);
                    _entries.Add((Guid.NewGuid(), step.Year, amount, compensable, false));
                    Facts.Add(new SpendingRecordedFact(P, step.Year, _entries[^1].Id, Money.FromCents(amount), Money.FromCents(compensable)));
                    break;
                default:
                    Reverse(step);
                    break;
            }
        }

        private void ConfirmOrVoid(Step step)
        {
            var open = _tranches.Select((t, i) => (t, i)).Where(x => !x.t.Voided && x.t.Received is null).ToList();
            if (open.Count == 0) return;
            var (t, i) = open[step.B % open.Count];
            if (step.Kind == 5)
            {
                _tranches[i] = t with { Voided = true };
                Facts.Add(new TrancheVoidedFact(P, t.Year, t.Id));
            }
            else if (step.Kind == 2)
            {
                _tranches[i] = t with { Received = t.Issued };
                Facts.Add(new TrancheReceivedFact(P, t.Year, t.Id, Money.FromCents(t.Issued)));
            }
            else
            {
                var received = step.A % (2 * t.Issued);
                _tranches[i] = t with { Received = received, Open = true };
                Facts.Add(new TrancheDiscrepancyRaisedFact(P, t.Year, t.Id, Money.FromCents(received)));
            }
        }

        private void Resolve(Step step)
        {
            var open = _tranches.Select((t, i) => (t, i)).Where(x => x.t.Open).ToList();
            if (open.Count == 0) return;
            var (t, i) = open[step.B % open.Count];
            var recovered = Math.Max(0, t.Received!.Value - t.Issued);
            _tranches[i] = t with { Open = false, Received = t.Received - recovered };
            Facts.Add(new TrancheDiscrepancyResolvedFact(P, t.Year, t.Id, Money.FromCents(recovered)));
        }

        private void Reverse(Step step)
        {
            var open = _entries.Select((e, i) => (e, i)).Where(x => !x.e.Reversed).ToList();
            if (open.Count == 0) return;
            var (e, i) = open[step.B % open.Count];
            _entries[i] = e with { Reversed = true };
            Facts.Add(new SpendingReversedFact(P, e.Year, Guid.NewGuid(), e.Id, Money.FromCents(-e.Amount), Money.FromCents(-e.Compensable)));
        }

        public Expected Sums(int year)
        {
            var expected = ByYear[year];
            expected.Issued = _tranches.Where(t => t.Year == year && !t.Voided).Sum(t => t.Issued);
            expected.Received = _tranches.Where(t => t.Year == year).Sum(t => t.Received ?? 0);
            expected.Open = _tranches.Count(t => t.Year == year && t.Open);
            expected.Spent = _entries.Where(e => e.Year == year).Sum(e => e.Reversed ? 0 : e.Amount);
            expected.Compensable = _entries.Where(e => e.Year == year).Sum(e => e.Reversed ? 0 : e.Compensable);
            return expected;
        }
    }

    private sealed class Expected
    {
        public int Version { get; set; }
        public long Gross { get; set; }
        public long Bcf { get; set; }
        public long Net { get; set; }
        public long Issued { get; set; }
        public long Received { get; set; }
        public int Open { get; set; }
        public long Spent { get; set; }
        public long Compensable { get; set; }
    }

    [Property(MaxTest = 300)]
    public Property Gross_is_net_plus_bcf_and_balance_is_carried_over_plus_received_minus_spent_every_time() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Steps)), steps =>
        {
            var story = new Story();
            foreach (var step in steps.Take(200)) story.Play(step);

            var statements = RegionYearStatement.Rebuild(P, R, 2025, 2027, story.Facts);

            var carried = Money.Zero;
            foreach (var s in statements)
            {
                Assert.Equal(s.Gross, s.NetAllocated + s.BcfDeposit);
                Assert.Equal(s.Balance, s.CarriedOverIn + s.Received - s.Spent);
                Assert.Equal(s.BcfPosition, s.BcfDeposit - s.CompensableVatIncurred);
                Assert.Equal(s.Balance.IsNegative, s.NegativeBalance);
                Assert.Equal(carried, s.CarriedOverIn);
                carried = s.Balance;

                var e = story.Sums(s.Year);
                Assert.Equal((e.Gross, e.Bcf, e.Net), (s.Gross.Cents, s.BcfDeposit.Cents, s.NetAllocated.Cents));
                Assert.Equal((e.Issued, e.Received, e.Open), (s.Issued.Cents, s.Received.Cents, s.OpenDiscrepancies));
                Assert.Equal((e.Spent, e.Compensable), (s.Spent.Cents, s.CompensableVatIncurred.Cents));
            }
        });

    [Property(MaxTest = 100)]
    public Property Applying_the_facts_one_by_one_as_a_projection_gives_the_rebuilt_statements() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Steps)), steps =>
        {
            var story = new Story();
            foreach (var step in steps.Take(200)) story.Play(step);
            var ledgers = new[] { 2025, 2026, 2027 }.ToDictionary(y => y, y => RegionYearLedger.Empty(P, y, R));
            foreach (var fact in story.Facts) ledgers[fact.Year] = ledgers[fact.Year].Apply(fact);

            Assert.Equal(RegionYearStatement.Rebuild(P, R, 2025, 2027, story.Facts), RegionYearStatement.Chain([.. ledgers.Values]));
        });
}
