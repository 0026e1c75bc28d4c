namespace Npvr.Funding.Benchmarks;

/// <summary>How much of each operation one run measures: the full run for docs/performance.md, --quick for development and the test.</summary>
internal sealed record Sizes
{
    /// <summary>Clients of the concurrent phases: one per region, as in issue 15's measurements.</summary>
    public const int Clients = 11;

    /// <summary>Rows of the raw range-query partition (issue 15: a 100-row range query of a 10,000-row partition), written in 100-entity batches.</summary>
    public const int RawPartitionRows = 10_000;

    /// <summary>Table Storage's largest batch (a transaction holds at most 100 entities).</summary>
    public const int BatchEntities = 100;

    /// <summary>The page size of the paged reads (spending, journal) and of the raw range query.</summary>
    public const int PageRows = 100;

    public required bool Quick { get; init; }

    /// <summary>Requests of each small operation (writes and point-like reads), per phase (sequential, then concurrent).</summary>
    public required int SmallOperations { get; init; }

    /// <summary>Estimates go over every region-year of a programme (11 x 3) this many times per phase.</summary>
    public required int EstimateRounds { get; init; }

    /// <summary>Lines of one import file (the import's own limit is 50,000) and how many files build the big ledger.</summary>
    public required int ImportLines { get; init; }

    public required int Imports { get; init; }

    /// <summary>Pages walked per phase (spending and journal).</summary>
    public required int Pages { get; init; }

    /// <summary>Whole-ledger requests (CSV export, full verify) per phase.</summary>
    public required int WholeLedgerRequests { get; init; }

    /// <summary>Process starts measured per program (the local host, one app).</summary>
    public required int Starts { get; init; }

    /// <summary>Designations stored (most seeded) when the Registration reads and designating are measured again.</summary>
    public required int LongHistory { get; init; }

    public required int RawTransactions { get; init; }

    public required int RawReads { get; init; }

    public required int RawRanges { get; init; }

    /// <summary>The bound of every wait for the system to finish its work (imports of 50,000 lines take minutes here).</summary>
    public required TimeSpan IdleTimeout { get; init; }

    public int LedgerEntries => ImportLines * Imports;

    public static Sizes For(bool quick) => quick
        ? new Sizes
        {
            Quick = true, SmallOperations = 22, EstimateRounds = 1, ImportLines = 2_000, Imports = 1, Pages = 22, WholeLedgerRequests = 2, Starts = 1,
            LongHistory = 1_100, RawTransactions = 110, RawReads = 220, RawRanges = 44, IdleTimeout = TimeSpan.FromMinutes(3),
        }
        : new Sizes
        {
            Quick = false, SmallOperations = 330, EstimateRounds = 3, ImportLines = 50_000, Imports = 2, Pages = 220, WholeLedgerRequests = 2, Starts = 3,
            LongHistory = 10_000, RawTransactions = 550, RawReads = 1_100, RawRanges = 220, IdleTimeout = TimeSpan.FromMinutes(30),
        };
}
