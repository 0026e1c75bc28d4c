namespace Npvr.Funding.Contracts;

/// <summary>Event (Allocation): after TrancheVoided, the freeze <paramref name="TrancheId"/> held is gone; the estimate may change again.</summary>
public sealed record AllocationReleased(string ProgrammeId, int Year, string RegionId, int Version, string TrancheId);
