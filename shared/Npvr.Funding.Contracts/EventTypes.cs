namespace Npvr.Funding.Contracts;

/// <summary>The type names of events on the funding-events topic.</summary>
public static class EventTypes
{
    public const string KassierDesignated = "KassierDesignated";
    public const string KassierDesignationWithdrawn = "KassierDesignationWithdrawn";
    public const string StaffAuthorised = "StaffAuthorised";
    public const string StaffWithdrawn = "StaffWithdrawn";
    public const string ProgrammeDefined = "ProgrammeDefined";
    public const string AllocationDetermined = "AllocationDetermined";
    public const string TrancheIssued = "TrancheIssued";
    public const string TrancheReceived = "TrancheReceived";
    public const string TrancheDiscrepancyRaised = "TrancheDiscrepancyRaised";
    public const string TrancheDiscrepancyResolved = "TrancheDiscrepancyResolved";
    public const string TrancheVoided = "TrancheVoided";
    public const string TrancheAdmitted = "TrancheAdmitted";
    public const string TrancheAdmissionRefused = "TrancheAdmissionRefused";
    public const string AllocationFrozen = "AllocationFrozen";
    public const string AllocationFreezeRefused = "AllocationFreezeRefused";
    public const string AllocationReleased = "AllocationReleased";
    public const string SpendingRecorded = "SpendingRecorded";
    public const string SpendingReversed = "SpendingReversed";
    public const string YearClosed = "YearClosed";
    public const string PersonalDataErased = "PersonalDataErased";
    public const string PublicationsAnnounced = "PublicationsAnnounced";
}
