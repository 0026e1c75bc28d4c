namespace Npvr.Funding.Contracts;

/// <summary>The type names of events on the funding-events topic.</summary>
public static class EventTypes
{
    public const string KassierDesignated = "KassierDesignated";
    public const string ProgrammeDefined = "ProgrammeDefined";
    public const string AllocationDetermined = "AllocationDetermined";
    public const string TrancheIssued = "TrancheIssued";
    public const string SpendingRecorded = "SpendingRecorded";
    public const string SpendingReversed = "SpendingReversed";
    public const string YearClosed = "YearClosed";
}
