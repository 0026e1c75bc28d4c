namespace Npvr.Funding.Contracts;

/// <summary>Command (queue): decide and request the freeze for one region of an issue run; retried per region.</summary>
public sealed record IssueTranche(string RunId, string ProgrammeId, int Year, string RegionId);
