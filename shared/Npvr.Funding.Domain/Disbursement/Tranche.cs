namespace Npvr.Funding.Domain.Disbursement;

/// <summary>Wire names (api.md): "issued", "received", "discrepancy", "voided".</summary>
public enum TrancheStatus
{
    Issued,
    Received,
    Discrepancy,
    Voided,
}

/// <summary>
/// A regular tranche pays a frozen allocation version's net DU; a supplementary one pays the shortfall found on a
/// receipt. Wire names: "regular", "supplementary".
/// </summary>
public enum TrancheKind
{
    Regular,
    Supplementary,
}

/// <summary>What the kassier confirmed: the bank's booking date, the amount booked and the bank's reference.</summary>
public sealed record TrancheReceipt(DateOnly ReceivedOn, Money Amount, string BankReference);

/// <summary>Wire names: "supplement", "recovery".</summary>
public enum ResolutionAction
{
    Supplement,
    Recovery,
}

/// <summary>
/// How Finance settled a discrepancy: a supplementary tranche for a shortfall (<see cref="SupplementaryTrancheId"/>)
/// or a recovery of an overpayment (<see cref="RecoveryAmount"/>).
/// </summary>
public sealed record DiscrepancyResolution(
    ResolutionAction Action,
    string Reason,
    string? SupplementaryTrancheId,
    Money? RecoveryAmount,
    DateTimeOffset ResolvedAt,
    string ResolvedBy);

public sealed record TrancheVoid(string Reason, DateTimeOffset VoidedAt, string VoidedBy);

/// <summary>
/// One payment to a region's kassier. Immutable: every decision returns a new value. The status is derived from what
/// happened (void, receipt), so no stored status can contradict the facts.
/// </summary>
/// <param name="KassierOrganisationCode">The organisation paid, fixed at issue; only it may confirm receipt, even once replaced.</param>
/// <param name="Fund">Gemeentefonds or Provinciefonds, from the kassier's kind.</param>
/// <param name="AllocationVersion">The frozen allocation version this tranche pays (a supplement names its original's).</param>
/// <param name="SupplementsTrancheId">For a supplementary tranche: the tranche whose shortfall it pays.</param>
/// <param name="RunId">The issue run that created a regular tranche; null for a supplementary one.</param>
public sealed record Tranche(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    int Sequence,
    TrancheKind Kind,
    string KassierOrganisationCode,
    string Fund,
    int AllocationVersion,
    Money Amount,
    Money BcfDeposit,
    DateTimeOffset IssuedAt,
    string? RunId,
    string? SupplementsTrancheId,
    TrancheReceipt? Receipt,
    DiscrepancyResolution? Resolution,
    TrancheVoid? Voiding)
{
    public TrancheStatus Status => Voiding is not null ? TrancheStatus.Voided
        : Receipt is null ? TrancheStatus.Issued
        : Receipt.Amount == Amount ? TrancheStatus.Received
        : TrancheStatus.Discrepancy;

    /// <summary>A receipt that differs from the amount and that Finance has not yet resolved.</summary>
    public bool HasOpenDiscrepancy => Status == TrancheStatus.Discrepancy && Resolution is null;

    /// <summary>The date the tranche was issued, in UTC: never later than the Dutch calendar date, so a receipt dated that day passes.</summary>
    public DateOnly IssuedOn => DateOnly.FromDateTime(IssuedAt.UtcDateTime);

    /// <summary>Received minus expected: negative is a shortfall, positive an overpayment, null before a receipt.</summary>
    public Money? ReceiptDifference => Receipt is null ? null : Receipt.Amount - Amount;
}

/// <summary>The wire spelling of the Disbursement enums, kept in one place so a rename cannot change the API.</summary>
public static class TrancheNames
{
    public static string Of(TrancheStatus status) => status switch
    {
        TrancheStatus.Issued => "issued",
        TrancheStatus.Received => "received",
        TrancheStatus.Discrepancy => "discrepancy",
        TrancheStatus.Voided => "voided",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(TrancheKind kind) => kind switch
    {
        TrancheKind.Regular => "regular",
        TrancheKind.Supplementary => "supplementary",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(ResolutionAction action) => action switch
    {
        ResolutionAction.Supplement => "supplement",
        ResolutionAction.Recovery => "recovery",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static string Of(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Queued => "queued",
        RunOutcome.Blocked => "blocked",
        RunOutcome.AlreadyIssued => "already-issued",
        RunOutcome.Issued => "issued",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Parses a status filter or body field; null for anything that is not a wire name.</summary>
    public static TrancheStatus? ParseStatus(string? text) => text switch
    {
        "issued" => TrancheStatus.Issued,
        "received" => TrancheStatus.Received,
        "discrepancy" => TrancheStatus.Discrepancy,
        "voided" => TrancheStatus.Voided,
        _ => null,
    };

    public static ResolutionAction? ParseAction(string? text) => text switch
    {
        "supplement" => ResolutionAction.Supplement,
        "recovery" => ResolutionAction.Recovery,
        _ => null,
    };
}
