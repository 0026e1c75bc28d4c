namespace Npvr.Funding.Domain.Statements;

/// <summary>
/// What the statement knows of one tranche. <see cref="Issued"/> is null while only a later fact about it was seen
/// (a fold never depends on another app's events arriving first), and a resolution may be known before the
/// discrepancy it resolves (<see cref="Recovered"/> then waits for <see cref="Received"/>).
/// </summary>
public sealed record TrancheLine(string TrancheId, Money? Issued, bool Voided, Money? Received, bool DiscrepancyOpen, bool DiscrepancyResolved, Money Recovered)
{
    public static TrancheLine Unknown(string trancheId) => new(trancheId, null, false, null, false, false, Money.Zero);

    /// <summary>
    /// Who is about to issue this tranche: the runs Spending admitted it for, or the tranche whose resolution announced it
    /// as a supplement. Emptied when its TrancheIssued is journaled; a run leaves it when its freeze is refused.
    /// </summary>
    public IReadOnlyList<string> AwaitedBy { get; init; } = [];

    /// <summary>Not issued yet, but on its way: an open item (<see cref="OpenItemKind.TrancheInFlight"/>).</summary>
    public bool InFlight => Issued is null && !Voided && AwaitedBy.Count > 0;

    /// <summary>The line awaited also by <paramref name="who"/>; once the tranche is issued or voided nothing awaits it.</summary>
    public TrancheLine Awaited(string who) =>
        Issued is not null || Voided || AwaitedBy.Contains(who, StringComparer.Ordinal) ? this : this with { AwaitedBy = [.. AwaitedBy, who] };

    /// <summary>Value equality, <see cref="AwaitedBy"/> compared item by item (a record compares a list by reference).</summary>
    public bool Equals(TrancheLine? other) =>
        other is not null && TrancheId == other.TrancheId && Issued == other.Issued && Voided == other.Voided && Received == other.Received
        && DiscrepancyOpen == other.DiscrepancyOpen && DiscrepancyResolved == other.DiscrepancyResolved && Recovered == other.Recovered
        && AwaitedBy.SequenceEqual(other.AwaitedBy, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(TrancheId, Issued, Voided, Received, DiscrepancyOpen, DiscrepancyResolved, Recovered, AwaitedBy.Count);

    /// <summary>The line no longer awaited by <paramref name="who"/>.</summary>
    public TrancheLine NotAwaited(string who) => this with { AwaitedBy = [.. AwaitedBy.Where(w => !string.Equals(w, who, StringComparison.Ordinal))] };

    /// <summary>Issued, not voided, and no receipt confirmed yet: an open item that blocks the year's close.</summary>
    public bool Unconfirmed => Issued is not null && !Voided && Received is null;

    public Money CountedIssued => Issued is { } amount && !Voided ? amount : Money.Zero;

    /// <summary>What the region holds from this tranche: what it confirmed receiving, less an overpayment recovered.</summary>
    public Money CountedReceived => Received is { } received ? received - Recovered : Money.Zero;

    /// <summary>Received through a discrepancy (open or resolved), rather than confirmed with the issued amount.</summary>
    public bool ReceivedWithDiscrepancy => Received is not null && (DiscrepancyOpen || DiscrepancyResolved);
}
