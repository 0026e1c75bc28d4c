using System.Globalization;
using Npvr.Funding.Domain.Allocation;

namespace Npvr.Funding.Domain.Disbursement;

/// <summary>The parts a tranche id is made of.</summary>
public sealed record TrancheKey(string ProgrammeId, int Year, string RegionId, int Sequence);

/// <summary>
/// Tranche ids are chosen by Disbursement, not by storage, so a retried issue names the same tranche and its row is
/// inserted if absent (TigerBeetle: the client picks the id). Form: <c>{programmeId}.{year}.{regionId}.{sequence}</c>,
/// e.g. <c>npvr-procesmiddelen.2025.achterhoek.1</c>. No two inputs give the same id: programme and region ids are
/// lower-case letters, digits and dashes (never a dot), the year is four digits and the sequence has no leading
/// zero, so the three dots split the id back into exactly its parts. Safe as a URL segment and a Table key.
/// </summary>
public static class TrancheIds
{
    /// <summary>A region-year holds at most this many tranches (see <see cref="RegionYearTranches.MaxTranches"/>).</summary>
    public const int MaxSequence = RegionYearTranches.MaxTranches;

    private const int PartCount = 4;

    public static string For(string programmeId, int year, string regionId, int sequence)
    {
        if (!Programmes.IsValidId(programmeId)) throw new ArgumentException($"'{programmeId}' is not a programme id.", nameof(programmeId));
        if (year is < 1000 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "A year has four digits.");
        if (!Regions.Exists(regionId)) throw new ArgumentException($"'{regionId}' is not a region id.", nameof(regionId));
        if (sequence is < 1 or > MaxSequence) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"A sequence is 1 to {MaxSequence}.");
        return string.Create(CultureInfo.InvariantCulture, $"{programmeId}.{year}.{regionId}.{sequence}");
    }

    /// <summary>Splits an id made by <see cref="For"/>; anything else (a route segment typed by hand) is false.</summary>
    public static bool TryParse(string? trancheId, out TrancheKey key)
    {
        key = new TrancheKey("", 0, "", 0);
        var parts = trancheId?.Split('.');
        if (parts is not { Length: PartCount }) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return false;
        if (!Programmes.IsValidId(parts[0]) || !Regions.Exists(parts[2]) || year is < 1000 or > 9999 || sequence is < 1 or > MaxSequence)
            return false;
        // Leading zeros would give a second spelling of the same tranche; only the canonical one is accepted.
        if (For(parts[0], year, parts[2], sequence) != trancheId) return false;
        key = new TrancheKey(parts[0], year, parts[2], sequence);
        return true;
    }
}
