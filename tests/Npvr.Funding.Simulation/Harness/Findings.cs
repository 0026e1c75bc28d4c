namespace Npvr.Funding.Simulation.Harness;

/// <summary>What one seed checked and what it found broken, in the order found (the first is the one reported).</summary>
internal sealed class Findings
{
    /// <summary>A seed that breaks one invariant often breaks it in many places: keep the first few, count the rest.</summary>
    private const int MaxKept = 50;

    private readonly List<Finding> _broken = [];
    private int _checked;

    public int Checked => _checked;
    public int BrokenCount { get; private set; }
    public IReadOnlyList<Finding> Broken => _broken;
    public Finding? First => _broken.Count == 0 ? null : _broken[0];

    /// <summary>Counts one invariant check; records it as broken with <paramref name="detail"/> when <paramref name="holds"/> is false.</summary>
    public bool Check(bool holds, string invariant, Func<string> detail)
    {
        Interlocked.Increment(ref _checked);
        if (!holds) Break(invariant, detail());
        return holds;
    }

    /// <summary>Cases an invariant lets pass because the design admits them (docs/simulation.md lists each), counted per kind.</summary>
    public Dictionary<string, int> Tolerated { get; } = new(StringComparer.Ordinal);

    /// <summary>The first detail of each tolerated kind, for the replay's trace.</summary>
    public List<string> ToleratedDetails { get; } = [];

    public void Tolerate(string kind, string detail)
    {
        lock (_broken)
        {
            Tolerated[kind] = Tolerated.GetValueOrDefault(kind) + 1;
            if (ToleratedDetails.Count < MaxKept) ToleratedDetails.Add($"{kind}: {detail}");
        }
    }

    public void Break(string invariant, string detail)
    {
        lock (_broken)
        {
            BrokenCount++;
            if (_broken.Count < MaxKept) _broken.Add(new Finding(invariant, detail));
        }
    }
}

/// <param name="Invariant">A short stable name, e.g. "journal-exactly-once".</param>
internal sealed record Finding(string Invariant, string Detail)
{
    public override string ToString() => $"{Invariant}: {Detail}";
}
