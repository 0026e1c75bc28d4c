namespace Npvr.Funding.Benchmarks;

/// <summary>The command line: --quick for a small run, --only audit for the raw baselines and the audit rows alone.</summary>
internal sealed record RunOptions(bool Quick, bool AuditOnly)
{
    public const string Usage = "usage: dotnet run -c Release --project tests/Npvr.Funding.Benchmarks [-- [--quick] [--only audit]]";

    /// <summary>The group --only accepts: the imports that build the big journal, the journal rows, the proofs and the offline verifier.</summary>
    public const string AuditGroup = "audit";

    /// <summary>Null when the arguments are not a usage this program knows.</summary>
    public static RunOptions? Parse(IReadOnlyList<string> args)
    {
        var (quick, auditOnly) = (false, false);
        // Each argument is read once: at most three of them make sense.
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick" when !quick:
                    quick = true;
                    break;
                case "--only" when !auditOnly && i + 1 < args.Count && args[i + 1] == AuditGroup:
                    auditOnly = true;
                    i++;
                    break;
                default:
                    return null;
            }
        }
        return new RunOptions(quick, auditOnly);
    }

    public string Describe() => (Quick ? "--quick" : "full run") + (AuditOnly ? $", --only {AuditGroup}" : "");
}
