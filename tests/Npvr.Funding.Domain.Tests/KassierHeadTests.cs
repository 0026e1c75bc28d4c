using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Domain.Tests;

public class KassierHeadTests
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    /// <summary>
    /// A history as the decider allows it (each effectiveFrom on or after the previous one, up to two years after the
    /// day it is made), the days on which each was made (never going back) and a later day to ask about.
    /// </summary>
    private static readonly Arbitrary<(List<(int FromDay, int MadeDay)> History, int AskDay)> Histories = Arb.From(
        Gen.ListOf(Gen.Choose(0, 40).SelectMany(_ => Gen.Choose(0, 5), (from, made) => (from, made)))
            .SelectMany(_ => Gen.Choose(0, 120), (steps, ask) => (Walk(steps), ask)));

    [Property(MaxTest = 500)]
    public Property The_head_answers_in_force_as_the_whole_history_does_on_every_day_from_its_last_fold() =>
        Prop.ForAll(Histories, sample =>
        {
            var history = sample.History.Select((h, i) => Made(i, Start.AddDays(h.FromDay), Start.AddDays(h.MadeDay))).ToList();
            var head = KassierHead.Empty;
            for (var i = 0; i < history.Count; i++) head = head.Then(history[i], Start.AddDays(sample.History[i].MadeDay));
            var lastFold = sample.History.Count == 0 ? 0 : sample.History[^1].MadeDay;
            var ask = Start.AddDays(lastFold + sample.AskDay);
            return head.InForceOn(ask) == KassierDesignations.InForceOn(history, ask)
                && head.Designations == history.Count
                && head.Latest == history.LastOrDefault()
                && head.Candidates.Count <= KassierHead.MaxCandidates;
        });

    [Fact]
    public void A_designation_ahead_does_not_replace_the_one_in_force_until_its_day()
    {
        var today = new DateOnly(2025, 6, 1);
        var doetinchem = Made(0, new DateOnly(2025, 1, 15), today);
        var winterswijk = Made(1, new DateOnly(2025, 9, 1), today);

        var head = KassierHead.Empty.Then(doetinchem, today).Then(winterswijk, today);

        Assert.Equal(doetinchem, head.InForceOn(today));
        Assert.Equal(winterswijk, head.InForceOn(new DateOnly(2025, 9, 1)));
        Assert.Equal(2, head.Designations);
    }

    [Fact]
    public void Designations_that_can_no_longer_be_in_force_are_dropped()
    {
        var today = new DateOnly(2025, 6, 1);
        var head = KassierHead.Of(Enumerable.Range(0, 100).Select(i => Made(i, new DateOnly(2025, 1, 15), today)), today);

        Assert.Equal(100, head.Designations);
        Assert.Single(head.Candidates);
    }

    [Fact]
    public void A_designation_before_the_latest_is_a_programming_error()
    {
        var today = new DateOnly(2025, 6, 1);
        var head = KassierHead.Empty.Then(Made(0, new DateOnly(2025, 3, 1), today), today);

        Assert.Throws<InvalidOperationException>(() => head.Then(Made(1, new DateOnly(2025, 2, 1), today), today));
    }

    /// <summary>Steps to days: effectiveFrom never decreases, nor the day made; each is 20 days before to 20 days after the day it was made.</summary>
    private static List<(int FromDay, int MadeDay)> Walk(IEnumerable<(int FromStep, int MadeStep)> steps)
    {
        var result = new List<(int, int)>();
        var (from, made) = (0, 0);
        foreach (var (fromStep, madeStep) in steps)
        {
            made += madeStep;
            from = Math.Max(from, made - 20 + fromStep);
            result.Add((from, made));
        }
        return result;
    }

    private static Designation Made(int i, DateOnly effectiveFrom, DateOnly madeOn) => new(
        "achterhoek", OrganisationCode.Parse($"GM{1000 + i:D4}"), $"Gemeente {i}", effectiveFrom, null,
        new DateTimeOffset(madeOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(i), "coordinator");
}
