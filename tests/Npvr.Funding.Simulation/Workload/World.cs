using System.Globalization;
using Npvr.Funding.Domain;

namespace Npvr.Funding.Simulation.Workload;

/// <summary>
/// What the users of one seed know and choose from: their regions, the programme, the organisations designated, the
/// spending entries they tried to book. Every value comes from the seed's <see cref="Random"/>; nothing here is read
/// from an answer (answers may depend on timing; the quiesced <see cref="Snapshot"/> may not).
/// </summary>
internal sealed class World
{
    public const string ProgrammeId = "npvr-sim";
    public static readonly int[] Years = [2025, 2026, 2027];

    /// <summary>Dates the workload books and designates from: past on any day this simulator runs (it was written in 2026-11).</summary>
    public static readonly DateOnly FirstDate = new(2025, 1, 2);
    public static readonly DateOnly LastPastDate = new(2026, 10, 31);

    /// <summary>Designations "effective in the future" start here: later than any day this simulator is expected to run.</summary>
    public static readonly DateOnly FutureDate = new(2031, 1, 1);

    private int _keys;

    public World(int seed)
    {
        Seed = seed;
        Random = new Random(seed);
        var count = 2 + Random.Next(2);
        Regions = [.. Domain.Regions.All.Select(r => r.Id).OrderBy(_ => Random.Next()).Take(count).Order(StringComparer.Ordinal)];
        GrossCents = Random.Next(3) == 0 ? 35_000_000 : 1_000_000 + Random.Next(49_000_000);
        foreach (var region in Regions) Entries[region] = [];
    }

    public int Seed { get; }
    public Random Random { get; }
    public IReadOnlyList<string> Regions { get; }
    public long GrossCents { get; }
    public Money Gross => Money.FromCents(GrossCents);

    /// <summary>Every organisation ever designated, in the order first designated.</summary>
    public List<string> Organisations { get; } = [];

    /// <summary>Spending entries the kassiers tried to book, per region, with the year booked in.</summary>
    public Dictionary<string, List<(Guid EntryId, int Year)>> Entries { get; } = new(StringComparer.Ordinal);

    public string NextKey() => string.Create(CultureInfo.InvariantCulture, $"sim-{Seed}-{++_keys}");

    public Guid NextGuid()
    {
        var bytes = new byte[16];
        Random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>A gemeente (GM + 4 digits) mostly, now and then a provincie (PV + 2 digits).</summary>
    public string NextOrganisation()
    {
        var code = Random.Next(5) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"PV{20 + Random.Next(10):D2}")
            : string.Create(CultureInfo.InvariantCulture, $"GM{1 + Random.Next(999):D4}");
        if (!Organisations.Contains(code)) Organisations.Add(code);
        return code;
    }

    public DateOnly PastDate(DateOnly notBefore)
    {
        var from = notBefore > FirstDate ? notBefore : FirstDate;
        var span = Math.Max(0, LastPastDate.DayNumber - from.DayNumber);
        return from.AddDays(Random.Next(span + 1));
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public bool Chance(int percent) => Random.Next(100) < percent;
}
