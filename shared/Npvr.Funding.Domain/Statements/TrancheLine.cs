namespace Npvr.Funding.Domain.Statements;

/// <summary>
/// What the statement knows of one tranche. <see cref="Issued"/> is null while only a later fact about it was seen
/// (a fold never depends on another app's events arriving first), and a resolution may be known before the
/// discrepancy it resolves (<see cref="Recovered"/> then waits for <see cref="Received"/>).
/// </summary>
public sealed record TrancheLine(string TrancheId, Money? Issued, bool Voided, Money? Received, bool DiscrepancyOpen, bool DiscrepancyResolved, Money Recovered)
{
    public static TrancheLine Unknown(string trancheId) => new(trancheId, null, false, null, false, false, Money.Zero);

    /// <summary>Issued, not voided, and no receipt confirmed yet: an open item that blocks the year's close.</summary>
    public bool Unconfirmed => Issued is not null && !Voided && Received is null;

    public Money CountedIssued => Issued is { } amount && !Voided ? amount : Money.Zero;

    /// <summary>What the region holds from this tranche: what it confirmed receiving, less an overpayment recovered.</summary>
    public Money CountedReceived => Received is { } received ? received - Recovered : Money.Zero;

    /// <summary>Received through a discrepancy (open or resolved), rather than confirmed with the issued amount.</summary>
    public bool ReceivedWithDiscrepancy => Received is not null && (DiscrepancyOpen || DiscrepancyResolved);
}
