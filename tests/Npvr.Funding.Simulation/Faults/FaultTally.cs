namespace Npvr.Funding.Simulation.Faults;

/// <summary>Faults injected by kind: armed, and fired where the host can tell (see <see cref="FaultInjector"/>).</summary>
internal sealed class FaultTally
{
    private readonly int[] _armed = new int[Enum.GetValues<FaultKind>().Length];
    private readonly int[] _fired = new int[Enum.GetValues<FaultKind>().Length];

    public void Armed(FaultKind kind) => Interlocked.Increment(ref _armed[(int)kind]);

    public void Fired(FaultKind kind) => Interlocked.Increment(ref _fired[(int)kind]);

    public int ArmedOf(FaultKind kind) => _armed[(int)kind];

    public int FiredOf(FaultKind kind) => _fired[(int)kind];

    /// <summary>Kinds whose firing the host cannot see are counted as fired when armed.</summary>
    public static bool Observable(FaultKind kind) => kind is FaultKind.RefuseSends or FaultKind.CrashConsumer or FaultKind.LockExpiry or FaultKind.DeadLetter;

    public void Add(FaultTally other)
    {
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            _armed[(int)kind] += other.ArmedOf(kind);
            _fired[(int)kind] += other.FiredOf(kind);
        }
    }

    /// <summary>"duplicate 12, reorder 9, refuse-sends 7 (fired 6), ..."</summary>
    public string Describe() => string.Join(", ", Enum.GetValues<FaultKind>().Select(kind =>
        $"{Name(kind)} {ArmedOf(kind)}" + (Observable(kind) ? $" (fired {FiredOf(kind)})" : "")));

    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.RefuseSends => "refuse-sends",
        FaultKind.CrashHttp => "crash-http",
        FaultKind.CrashConsumer => "crash-consumer",
        FaultKind.LockExpiry => "lock-expiry",
        FaultKind.DeadLetter => "dead-letter",
        FaultKind.TimerEarly => "timer-early",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
