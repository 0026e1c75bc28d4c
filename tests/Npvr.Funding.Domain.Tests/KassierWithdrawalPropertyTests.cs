using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Domain.Tests;

public class KassierWithdrawalPropertyTests
{
    private const string Region = "achterhoek";
    private static readonly DateOnly Start = new(2025, 1, 1);

    /// <summary>How far past the day of the last step the in-force answers are compared: beyond every date a step can name.</summary>
    private const int AskDays = 90;

    /// <summary>
    /// A coordinator's steps: withdraw (kind 0) the future designation picked by Pick, or designate (kinds 1 to 3) from
    /// Pick - 20 days after the step's day; each step DaysLater after the previous one.
    /// </summary>
    private static readonly Arbitrary<List<(int Kind, int Pick, int DaysLater)>> Steps = Arb.From(
        Gen.ListOf(Gen.Choose(0, 3).SelectMany(_ => Gen.Choose(0, 60), (kind, pick) => (kind, pick))
                .SelectMany(_ => Gen.Choose(0, 4), (step, later) => (step.kind, step.pick, later)))
            .Select(steps => steps.ToList()));

    [Property(MaxTest = 300)]
    public Property Through_every_designation_and_withdrawal_the_head_answers_as_the_whole_history_does() =>
        Prop.ForAll(Steps, steps =>
        {
            var (head, history, withdrawals) = (KassierHead.Empty, new List<Designation>(), new List<DesignationWithdrawal>());
            var day = 0;
            for (var i = 0; i < steps.Count; i++)
            {
                var (kind, pick, later) = steps[i];
                day += later;
                var (now, today) = (At(day, i), Start.AddDays(day));
                if (kind == 0)
                {
                    var future = head.Candidates.Where(c => c.EffectiveFrom > today).ToList();
                    if (future.Count == 0)
                    {
                        var type = Assert.Throws<DomainException>(() => KassierDesignations.Withdraw(head, Withdraw(today.AddDays(pick - 20)), now, "c")).Error.Type;
                        Assert.Contains(type, new[] { "designation-not-found", "designation-in-effect" });
                        continue;
                    }
                    var withdrawal = KassierDesignations.Withdraw(head, Withdraw(future[pick % future.Count].EffectiveFrom), now, "c");
                    head = head.Without(withdrawal);
                    withdrawals.Add(withdrawal);
                }
                else if (TryDesignate(head, Designate(i, today.AddDays(pick - 20)), now) is { } designation)
                {
                    head = head.Then(designation, today);
                    history.Add(designation);
                }
                if (!Agree(head, history, withdrawals, today)) return false;
            }
            return true;
        });

    [Property(MaxTest = 300)]
    public Property Withdrawing_then_designating_is_as_if_nothing_had_been_designated_for_the_withdrawn_date() =>
        Prop.ForAll(Steps, steps =>
        {
            var designations = Walk(steps);
            var lastDay = designations.Count == 0 ? 0 : designations[^1].MadeDay;
            var today = Start.AddDays(lastDay);
            var made = designations.Select((d, i) => Made(i, Start.AddDays(d.FromDay), d.MadeDay)).ToList();
            var head = Fold(made, designations);
            var future = head.Candidates.Where(c => c.EffectiveFrom > today).ToList();
            if (future.Count == 0) return true;
            var pick = steps.Count == 0 ? 0 : steps[^1].Pick;
            var withdrawal = KassierDesignations.Withdraw(head, Withdraw(future[pick % future.Count].EffectiveFrom), At(lastDay, made.Count), "c");

            var withdrawn = head.Without(withdrawal);
            var neverMade = Fold(made, designations, skip: withdrawal.EffectiveFrom);
            if (withdrawn.Latest != neverMade.Latest || !SameInForce(withdrawn, neverMade, today)) return false;
            // The next designation, on any date around: accepted or refused alike, and in force alike.
            return Enumerable.Range(-30, 91).All(offset =>
            {
                var command = Designate(made.Count + 1, today.AddDays(offset));
                var (a, b) = (TryDesignate(withdrawn, command, At(lastDay, made.Count + 1)), TryDesignate(neverMade, command, At(lastDay, made.Count + 1)));
                return a == b && (a is null || SameInForce(withdrawn.Then(a, today), neverMade.Then(b!, today), today));
            });
        });

    private static bool Agree(KassierHead head, List<Designation> history, List<DesignationWithdrawal> withdrawals, DateOnly today) =>
        head.Designations == history.Count
        && head.Latest == KassierDesignations.InForceOn(history, withdrawals, DateOnly.MaxValue)
        && Enumerable.Range(0, AskDays).All(n => head.InForceOn(today.AddDays(n)) == KassierDesignations.InForceOn(history, withdrawals, today.AddDays(n)));

    private static bool SameInForce(KassierHead a, KassierHead b, DateOnly today) =>
        Enumerable.Range(0, AskDays).All(n => a.InForceOn(today.AddDays(n)) == b.InForceOn(today.AddDays(n)));

    /// <summary>The designations folded on the days they were made, leaving out every one from <paramref name="skip"/>.</summary>
    private static KassierHead Fold(List<Designation> made, List<(int FromDay, int MadeDay)> days, DateOnly? skip = null)
    {
        var head = KassierHead.Empty;
        for (var i = 0; i < made.Count; i++)
            if (made[i].EffectiveFrom != skip) head = head.Then(made[i], Start.AddDays(days[i].MadeDay));
        return head;
    }

    private static Designation? TryDesignate(KassierHead head, DesignateKassier command, DateTimeOffset now)
    {
        try
        {
            return KassierDesignations.Designate(head.DecisionHistory, command, now, "c");
        }
        catch (DomainException e) when (e.Error.Type == "effective-from-before-current")
        {
            return null;
        }
    }

    /// <summary>Steps to days: effectiveFrom never decreases, nor the day made; each is 20 days before to 40 days after the day it was made.</summary>
    private static List<(int FromDay, int MadeDay)> Walk(List<(int Kind, int Pick, int DaysLater)> steps)
    {
        var result = new List<(int, int)>();
        var (from, made) = (0, 0);
        foreach (var (_, pick, later) in steps)
        {
            made += later;
            from = Math.Max(from, made - 20 + pick);
            result.Add((from, made));
        }
        return result;
    }

    private static WithdrawDesignation Withdraw(DateOnly from) => new(Region, from, "made by mistake");

    private static DesignateKassier Designate(int i, DateOnly from) => new(Region, $"GM{1000 + (i % 9000):D4}", $"Gemeente {i}", from, null);

    /// <summary>Noon UTC of the day (the same date in Amsterdam), a second per step so no two are made at once.</summary>
    private static DateTimeOffset At(int day, int step) => new DateTimeOffset(Start.AddDays(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero).AddSeconds(step);

    private static Designation Made(int i, DateOnly from, int madeDay) =>
        KassierDesignations.Designate([], Designate(i, from), At(madeDay, i), "c");
}
