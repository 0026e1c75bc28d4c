using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Allocation;
using Npvr.Funding.Domain.Disbursement;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Event (Allocation): the region-year is held at <paramref name="Version"/> for <paramref name="TrancheId"/>; the
/// tranche pays exactly <paramref name="NetDu"/>. <paramref name="Gross"/> lets the receiver check the split.
/// <paramref name="RunId"/> is the requesting run's, so a repeated answer reaches the run that asked.
/// </summary>
public sealed record AllocationFrozen(
    string ProgrammeId,
    int Year,
    string RegionId,
    int Version,
    Money Gross,
    Money NetDu,
    Money BcfDeposit,
    string TrancheId,
    string RunId)
{
    public static AllocationFrozen From(FreezeAllocation command, AllocationState frozen)
    {
        if (frozen.Freeze is not { } freeze || freeze.TrancheId != command.TrancheId || freeze.Version != frozen.Version)
            throw new InvalidOperationException($"Allocation {command.ProgrammeId} {command.Year} {command.RegionId} is not frozen for {command.TrancheId}.");
        return new(command.ProgrammeId, command.Year, command.RegionId, freeze.Version, frozen.Gross, frozen.NetDu, frozen.BcfDeposit, command.TrancheId, command.RunId);
    }

    /// <summary>The input of Tranches.Issue.</summary>
    public FrozenAllocation ToFrozen() => new(ProgrammeId, Year, RegionId, Version, Gross, NetDu, BcfDeposit, TrancheId, RunId);
}
