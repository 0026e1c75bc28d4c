using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.Simulation.Workload;

/// <summary>One round of the workload: calls that may run at once; the system is quiesced between rounds.</summary>
internal sealed record Round(int Number, string Phase, IReadOnlyList<Call> Calls);

/// <summary>
/// Chooses each round's calls from the seed's <see cref="Random"/> and the quiesced <see cref="Snapshot"/>: the
/// set-up (designations, staff, the programme), random rounds of every user's work, and for most seeds a settling of
/// 2025 (receipts, resolutions), its close and writes after the close.
/// </summary>
internal sealed class RoundPlanner
{
    /// <summary>Rounds after the random ones when the seed settles and closes 2025: two to settle, the close, writes after it.</summary>
    public const int SettleRounds = 4;

    private const int MaxExtrasPerRound = 3;
    private readonly World _world;
    private readonly UserActions _actions;
    private Snapshot _snapshot = Snapshot.Empty;

    public RoundPlanner(World world)
    {
        _world = world;
        _actions = new UserActions(world, () => _snapshot);
        RandomRounds = 4 + world.Random.Next(4);
        SettlesAndCloses = world.Chance(65);
    }

    public int RandomRounds { get; }
    public bool SettlesAndCloses { get; }
    public int TotalRounds => 1 + RandomRounds + (SettlesAndCloses ? SettleRounds : 0);

    public Round Plan(int number, Snapshot snapshot)
    {
        _snapshot = snapshot;
        if (number == 0) return Setup();
        if (number <= RandomRounds) return Random(number);
        return (number - RandomRounds) switch
        {
            1 => new Round(number, "settle", [.. Settle(2025, reauthorise: true)]),
            2 => new Round(number, "settle", [.. Settle(2025, reauthorise: false)]),
            3 => new Round(number, "close", [_actions.Close(2025)]),
            _ => new Round(number, "after-close", Compatible(AfterClose().OfType<Call>())),
        };
    }

    private Round Setup()
    {
        var calls = new List<Call> { _actions.Programme() };
        foreach (var region in _world.Regions)
        {
            var organisation = _world.NextOrganisation();
            calls.Add(_actions.Designate(region, organisation, initial: true));
        }
        calls.AddRange(_world.Organisations.Select(o => _actions.Staff(o)));
        return new Round(0, "set-up", Compatible(calls));
    }

    private Round Random(int number)
    {
        var calls = Story(number).OfType<Call>().ToList();
        for (var i = _world.Random.Next(MaxExtrasPerRound + 1); i > 0; i--) calls.AddRange(Choose().OfType<Call>());
        return new Round(number, "random", Compatible(calls));
    }

    /// <summary>A programme year as it usually goes, each step skipped now and then: estimates, the issue, receipts, spending.</summary>
    private List<Call?> Story(int number) => number switch
    {
        1 => [.. _world.Regions.Where(_ => _world.Chance(80)).ToList().Select(r => _actions.Estimate(r, 2025))],
        2 => [_world.Chance(85) ? _actions.Issue(2025) : null, .. _world.Regions.Where(_ => _world.Chance(30)).ToList().Select(r => _actions.Estimate(r, 2026))],
        3 => [.. _snapshot.TranchesWith("issued").Where(t => (int)t["year"]! == 2025 && _world.Chance(75)).ToList().Select(t => _actions.Receipt(t)),
            _actions.Spend(_world.Pick(_world.Regions))],
        4 => [_world.Chance(50) ? _actions.Issue(2026) : null, _actions.Import(_world.Pick(_world.Regions))],
        _ => [],
    };

    /// <summary>One user's action, weighted roughly as often as each happens in a year of the programme.</summary>
    private IEnumerable<Call?> Choose()
    {
        var region = _world.Pick(_world.Regions);
        var year = _world.Random.Next(10) switch { < 6 => 2025, < 9 => 2026, _ => 2027 };
        var roll = _world.Random.Next(100);
        if (roll < 5)
        {
            var organisation = _world.NextOrganisation();
            return [_actions.Designate(region, organisation, initial: false), _actions.Staff(organisation)];
        }
        if (roll < 8) return [_actions.Staff(_world.Pick(_world.Organisations), withdraw: _world.Chance(50))];
        if (roll < 20) return [_actions.Estimate(region, year)];
        if (roll < 26) return [_actions.Issue(year)];
        if (roll < 40) return [PickTranche("issued") is { } issued ? _actions.Receipt(issued) : null];
        if (roll < 48) return [PickTranche("discrepancy", open: true) is { } open ? _actions.Resolve(open) : null];
        if (roll < 52) return [PickTranche("issued") is { } voidable ? _actions.Void(voidable) : null];
        if (roll < 75) return [_actions.Spend(region)];
        if (roll < 81) return [_actions.Reverse(region)];
        if (roll < 88) return [_actions.Import(region)];
        if (roll < 92) return [_actions.Close(year == 2027 ? 2026 : year)];
        return [Read(region, year)];
    }

    /// <summary>Every issued tranche of the year confirmed exactly, every open discrepancy resolved the right way.</summary>
    private IEnumerable<Call> Settle(int year, bool reauthorise)
    {
        var ofYear = _snapshot.Tranches.Where(t => (int)t["year"]! == year).ToList();
        if (reauthorise)
        {
            foreach (var organisation in ofYear.Where(t => (string?)t["status"] == "issued").Select(t => (string)t["kassierOrganisationCode"]!).Distinct().Order(StringComparer.Ordinal))
                yield return _actions.Staff(organisation);
        }
        else
        {
            foreach (var tranche in ofYear.Where(t => (string?)t["status"] == "issued")) yield return _actions.Receipt(tranche, exact: true);
        }
        foreach (var tranche in ofYear.Where(IsOpen)) yield return _actions.Resolve(tranche, right: true);
    }

    /// <summary>Users who did not notice the close: writes into 2025 (refused), and 2026 going on.</summary>
    private IEnumerable<Call?> AfterClose()
    {
        var region = _world.Pick(_world.Regions);
        yield return _actions.Spend(region, 2025);
        yield return _actions.Estimate(region, 2025);
        yield return _actions.Reverse(region);
        if (_world.Chance(50)) yield return _actions.Spend(_world.Pick(_world.Regions), 2026);
    }

    /// <summary>A read any user makes now and then; its answer is held to the contract like every other.</summary>
    private Call Read(string region, int year) => _world.Random.Next(4) switch
    {
        0 => new Call("read", HttpMethod.Get, $"regions/{region}/statement?programmeId={World.ProgrammeId}&year={year}", Principals.Auditor, null, null, []),
        1 => new Call("read", HttpMethod.Get, $"audit/regions/{region}/journal?pageSize=50", Principals.Auditor, null, null, []),
        2 => new Call("read", HttpMethod.Get, $"regions/{region}/spending?programmeId={World.ProgrammeId}&year={year}", Principals.Finance, null, null, []),
        _ => new Call("read", HttpMethod.Get, $"programmes/{World.ProgrammeId}/statement?year={year}", Principals.Finance, null, null, []),
    };

    private JObject? PickTranche(string status, bool open = false)
    {
        var candidates = _snapshot.TranchesWith(status).Where(t => !open || IsOpen(t)).ToList();
        return candidates.Count == 0 ? null : _world.Pick(candidates);
    }

    private static bool IsOpen(JObject tranche) => tranche["discrepancy"] is JObject d && (bool)d["open"]!;

    /// <summary>The calls in the order chosen, each dropped that would race one chosen before it.</summary>
    private static List<Call> Compatible(IEnumerable<Call> calls)
    {
        var kept = new List<Call>();
        foreach (var call in calls)
            if (!kept.Any(call.ConflictsWith)) kept.Add(call);
        return kept;
    }
}
