using System.Globalization;

namespace Npvr.Funding.Simulation;

/// <summary>The command line: a batch of seeds, or one seed replayed with everything it did printed.</summary>
internal sealed record SimulationArguments(int FirstSeed, int Count, bool Replay, string? PlantedBug, int ProgressEvery, bool Verbose, bool Trace = false, int MaxFailures = int.MaxValue, IReadOnlySet<string>? FaultKinds = null, int Parallel = 1)
{
    public const string Usage = """
        usage: dotnet run --project tests/Npvr.Funding.Simulation -- [--seeds N [--first-seed S] | --seed S] [options]
          --seeds N          run N seeds, S to S+N-1 (default: 20 seeds from 1)
          --first-seed S     the first seed of the batch (default 1)
          --seed S           replay one seed: its schedule, workload digest, state hash and every broken invariant
          --planted-bug BUG  run the apps with Testing:PlantedBug=BUG, e.g. skip-inbox-check:journal (docs/simulation.md)
          --progress N       a progress line every N seeds (default 10)
          --max-failures N   stop the batch once N seeds have failed
          --parallel N       run N seeds at once (default 1; 2 uses a 2-core machine better)
          --faults K,K,...   inject only these kinds (names as in the summary); the schedule is otherwise the same
          --verbose          the host's warnings on standard error
          --trace            print every seed as --seed prints the one it replays
        exit code: 0 no failure, 1 some seed broke an invariant, 2 usage
        """;

    public static SimulationArguments? Parse(IReadOnlyList<string> args)
    {
        var result = new SimulationArguments(1, 20, false, null, 10, false);
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            int? Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            switch (args[i])
            {
                case "--seeds" when Number() is { } n and > 0: result = result with { Count = n }; break;
                case "--first-seed" when Number() is { } s: result = result with { FirstSeed = s }; break;
                case "--seed" when Number() is { } s: result = result with { FirstSeed = s, Count = 1, Replay = true }; break;
                case "--planted-bug" when Value() is { Length: > 0 } bug: result = result with { PlantedBug = bug }; break;
                case "--progress" when Number() is { } n and > 0: result = result with { ProgressEvery = n }; break;
                case "--max-failures" when Number() is { } n and > 0: result = result with { MaxFailures = n }; break;
                case "--parallel" when Number() is { } n and >= 1 and <= 8: result = result with { Parallel = n }; break;
                case "--faults" when Value() is { Length: > 0 } kinds: result = result with { FaultKinds = kinds.Split(',').ToHashSet(StringComparer.Ordinal) }; break;
                case "--verbose": result = result with { Verbose = true }; break;
                case "--trace": result = result with { Trace = true }; break;
                default: return null;
            }
        }
        return result.FirstSeed > int.MaxValue - result.Count ? null : result;
    }
}
