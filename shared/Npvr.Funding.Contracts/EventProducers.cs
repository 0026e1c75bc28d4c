namespace Npvr.Funding.Contracts;

/// <summary>
/// The app that publishes each event type (envelopes do not name their producer, and the journal hashes envelopes as
/// received, so the producer is read from the type). <see cref="EventTypes.PublicationsAnnounced"/> is published by
/// every app: it names its app in its data.
/// </summary>
public static class EventProducers
{
    public const string Registration = "Npvr.Funding.Registration";
    public const string Allocation = "Npvr.Funding.Allocation";
    public const string Disbursement = "Npvr.Funding.Disbursement";
    public const string Spending = "Npvr.Funding.Spending";

    /// <summary>Every app, in the order the funding flows through them.</summary>
    public static readonly IReadOnlyList<string> Apps = [Registration, Allocation, Disbursement, Spending];

    private static readonly Dictionary<string, string> ByType = new(StringComparer.Ordinal)
    {
        [EventTypes.KassierDesignated] = Registration,
        [EventTypes.KassierDesignationWithdrawn] = Registration,
        [EventTypes.StaffAuthorised] = Registration,
        [EventTypes.StaffWithdrawn] = Registration,
        [EventTypes.ProgrammeDefined] = Allocation,
        [EventTypes.AllocationDetermined] = Allocation,
        [EventTypes.AllocationFrozen] = Allocation,
        [EventTypes.AllocationFreezeRefused] = Allocation,
        [EventTypes.AllocationReleased] = Allocation,
        [EventTypes.TrancheIssued] = Disbursement,
        [EventTypes.TrancheReceived] = Disbursement,
        [EventTypes.TrancheDiscrepancyRaised] = Disbursement,
        [EventTypes.TrancheDiscrepancyResolved] = Disbursement,
        [EventTypes.TrancheVoided] = Disbursement,
        [EventTypes.SpendingRecorded] = Spending,
        [EventTypes.SpendingReversed] = Spending,
        [EventTypes.YearClosed] = Spending,
        [EventTypes.TrancheAdmitted] = Spending,
        [EventTypes.TrancheAdmissionRefused] = Spending,
        [EventTypes.PersonalDataErased] = Spending,
    };

    /// <summary>The app that publishes <paramref name="eventType"/>; null for a type this code does not know (a newer producer's).</summary>
    public static string? Of(string eventType) => ByType.GetValueOrDefault(eventType);
}
