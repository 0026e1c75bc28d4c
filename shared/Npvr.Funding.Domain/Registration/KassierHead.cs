namespace Npvr.Funding.Domain.Registration;

/// <summary>
/// A region's current state of designations, kept in one row so that reads and the next designation need not read the
/// history: how many designations were made, and the candidates that answer "in force on a date" for every date from
/// the day of the last fold on. A designation never starts before the latest one made and not withdrawn
/// (<see cref="KassierDesignations"/>), so the candidates are ordered by effectiveFrom too: per effectiveFrom still to
/// come, the latest made, and the latest made whose date has come. Everything else can never again be the one in force.
/// A withdrawal (only of a candidate still to come) removes its candidate (<see cref="Without"/>).
/// </summary>
public sealed record KassierHead(long Designations, IReadOnlyList<Designation> Candidates)
{
    /// <summary>
    /// A designation is made at most <see cref="KassierDesignations.MaxYearsAhead"/> years ahead, so at most one candidate
    /// per day of those years (leap days included) plus the one in force.
    /// </summary>
    public const int MaxCandidates = (KassierDesignations.MaxYearsAhead * 366) + 1;

    public static KassierHead Empty { get; } = new(0, []);

    /// <summary>The latest designation made: the one the next is checked against.</summary>
    public Designation? Latest => Candidates.Count == 0 ? null : Candidates[^1];

    /// <summary>The history as far as <see cref="KassierDesignations.Designate"/> reads it (its latest designation).</summary>
    public IReadOnlyList<Designation> DecisionHistory => Latest is { } latest ? [latest] : [];

    /// <summary>The head after <paramref name="designation"/>, made after every one folded so far, on <paramref name="today"/>.</summary>
    /// <exception cref="InvalidOperationException">The designation starts before the latest one (the decider refuses that).</exception>
    public KassierHead Then(Designation designation, DateOnly today)
    {
        if (Latest is { } latest && designation.EffectiveFrom < latest.EffectiveFrom)
            throw new InvalidOperationException($"Designation from {designation.EffectiveFrom} folded after one from {latest.EffectiveFrom}.");
        // The newest designation wins its date; the others keep their order (by effectiveFrom, as made).
        var all = Candidates.Where(c => c.EffectiveFrom != designation.EffectiveFrom).Append(designation).ToList();
        var inForce = all.LastOrDefault(d => d.EffectiveFrom <= today);
        List<Designation> kept = [.. all.Where(d => d.EffectiveFrom > today || ReferenceEquals(d, inForce))];
        if (kept.Count > MaxCandidates) throw new InvalidOperationException($"{kept.Count} candidates: more dates ahead than {KassierDesignations.MaxYearsAhead} years hold.");
        return new KassierHead(Designations + 1, kept);
    }

    /// <summary>
    /// The head after <paramref name="withdrawal"/>: its designation is no candidate any more, so the latest designation
    /// made before it is the latest again (the next may start before the withdrawn one's date) and its date is free.
    /// The count stays: it counts designations made, and the withdrawn one was made.
    /// </summary>
    /// <exception cref="InvalidOperationException">The withdrawal names no candidate (the decider finds it among them).</exception>
    public KassierHead Without(DesignationWithdrawal withdrawal)
    {
        var kept = Candidates.Where(c => !withdrawal.Withdraws(c)).ToList();
        if (kept.Count != Candidates.Count - 1)
            throw new InvalidOperationException($"Withdrawal of the designation from {withdrawal.EffectiveFrom} made at {withdrawal.DesignatedAt:O} names no candidate.");
        return this with { Candidates = kept };
    }

    /// <summary>The designation in force on <paramref name="date"/>, for any date from the day of the last fold on.</summary>
    public Designation? InForceOn(DateOnly date) => KassierDesignations.InForceOn(Candidates, date);

    /// <summary>The head of a history (oldest first) folded on <paramref name="today"/>: for data written before heads were kept.</summary>
    public static KassierHead Of(IEnumerable<Designation> history, DateOnly today) =>
        history.Aggregate(Empty, (head, designation) => head.Then(designation, today));
}
