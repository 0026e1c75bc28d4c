using Npvr.Funding.Simulation.Harness;
using Npvr.Funding.Simulation.Workload;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>Every invariant of issue 13 over the quiesced system, in the order a broken one is most telling first.</summary>
internal static class Invariants
{
    public static async Task<FinalState> CheckAsync(SimSystem system, SimClient client, World world, Seen seen, Findings findings)
    {
        var state = await FinalState.ReadAsync(system, client, world);
        JournalChecks.Run(state, findings);
        MoneyChecks.Run(state, findings);
        StatementChecks.Run(state, world.Regions, findings);
        await AuditChecks.RunAsync(state, client, new Random(world.Seed), findings);
        await LeftoverChecks.RunAsync(system, client, seen, findings);
        return state;
    }
}
