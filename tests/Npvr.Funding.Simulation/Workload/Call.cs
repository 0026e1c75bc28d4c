namespace Npvr.Funding.Simulation.Workload;

/// <summary>How a client repeats a request (a retry after a timeout, a double click, two tabs).</summary>
internal enum Resend
{
    None,

    /// <summary>Sent again after the first answer, with the same Idempotency-Key (or none, if the call has none).</summary>
    After,

    /// <summary>Sent twice at once.</summary>
    Concurrently,
}

/// <summary>
/// One request a user makes through the public API, as the workload chose it. <paramref name="Resources"/> name what
/// the request reads or changes ("2025:twente", "kassier:twente", "staff:GM0153"); requests of one round run at once
/// only when no resource of one is, or contains, a resource of another, so a round's outcome does not depend on which
/// request the scheduler ran first.
/// </summary>
internal sealed record Call(string Label, HttpMethod Method, string Path, string Principal, string? Body, string? IdempotencyKey, IReadOnlyList<string> Resources)
{
    public bool IsCsv { get; init; }
    public Resend Resend { get; init; }
    public bool IsWrite => Method != HttpMethod.Get;

    /// <summary>Everything that makes the request what it is, for the workload digest.</summary>
    public string Describe() =>
        $"{Label} {Method} {Path} key={IdempotencyKey ?? "-"} resend={Resend} csv={IsCsv} principal={Principal}\n{Body}";

    /// <summary>True when the two may not run at the same time.</summary>
    public bool ConflictsWith(Call other) =>
        Resources.Any(a => other.Resources.Any(b => a == b || a.StartsWith(b + ":", StringComparison.Ordinal) || b.StartsWith(a + ":", StringComparison.Ordinal)));
}
