namespace Npvr.Funding.Domain.Disbursement;

/// <summary>
/// Every tranche of one region in one programme year, voided ones included, in sequence order (1, 2, ...). This is
/// the unit a decision that creates a tranche needs: the next sequence and whether the year is already paid.
/// </summary>
public sealed record RegionYearTranches(string ProgrammeId, int Year, string RegionId, IReadOnlyList<Tranche> Tranches)
{
    /// <summary>
    /// Each void and each supplement adds a tranche; real years see a handful. 100 keeps a region-year's rows
    /// (tranches and their events) well inside one Table query page, and reaching it is a 409, not a loop.
    /// </summary>
    public const int MaxTranches = 100;

    public static RegionYearTranches Empty(string programmeId, int year, string regionId) => new(programmeId, year, regionId, []);

    /// <summary>Sequence of the next tranche: one more than every earlier one, voided ones included.</summary>
    public int NextSequence => Tranches.Count + 1;

    /// <summary>
    /// The regular tranche that pays this year, if any. Voided ones do not count, and supplementary ones pay a
    /// shortfall of it rather than the year again.
    /// </summary>
    public Tranche? ActiveRegular => Tranches.LastOrDefault(t => t.Kind == TrancheKind.Regular && t.Status != TrancheStatus.Voided);

    public Tranche? Find(string trancheId) => Tranches.FirstOrDefault(t => t.TrancheId == trancheId);

    /// <summary>The same region-year with <paramref name="tranche"/> replacing its earlier value, or appended as the next sequence.</summary>
    public RegionYearTranches With(Tranche tranche)
    {
        if (tranche.ProgrammeId != ProgrammeId || tranche.Year != Year || tranche.RegionId != RegionId)
            throw new InvalidOperationException($"Tranche {tranche.TrancheId} does not belong to {ProgrammeId} {Year} {RegionId}.");
        var index = Tranches.ToList().FindIndex(t => t.TrancheId == tranche.TrancheId);
        if (index >= 0) return this with { Tranches = [.. Tranches.Take(index), tranche, .. Tranches.Skip(index + 1)] };
        if (tranche.Sequence != NextSequence)
            throw new InvalidOperationException($"Tranche {tranche.TrancheId} has sequence {tranche.Sequence}; the next is {NextSequence}.");
        return this with { Tranches = [.. Tranches, tranche] };
    }

    /// <summary>Throws unless sequences run 1..n with ids made from them: a broken partition is a programming error.</summary>
    public void EnsureWellFormed()
    {
        if (Tranches.Count > MaxTranches)
            throw new InvalidOperationException($"{ProgrammeId} {Year} {RegionId} holds {Tranches.Count} tranches, more than {MaxTranches}.");
        for (var i = 0; i < Tranches.Count; i++)
        {
            var t = Tranches[i];
            if (t.Sequence != i + 1 || t.TrancheId != TrancheIds.For(ProgrammeId, Year, RegionId, t.Sequence)
                || t.ProgrammeId != ProgrammeId || t.Year != Year || t.RegionId != RegionId)
                throw new InvalidOperationException($"Tranche {t.TrancheId} at position {i + 1} does not fit {ProgrammeId} {Year} {RegionId}.");
        }
        if (Tranches.Count(t => t.Kind == TrancheKind.Regular && t.Status != TrancheStatus.Voided) > 1)
            throw new InvalidOperationException($"{ProgrammeId} {Year} {RegionId} has more than one regular tranche that is not voided.");
    }
}
