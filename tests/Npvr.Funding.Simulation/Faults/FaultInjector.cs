using Npvr.Funding.LocalHost.Broker;
using Npvr.Funding.Ops;
using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation.Faults;

/// <summary>
/// Arms a seed's planned faults on the local host (BrokerFaults, HostFaults) before their round. Delivery faults and
/// refused sends are cleared once their last round is quiet; a consumer broken for a while is then repaired and its
/// dead letters are resubmitted with the operators' tool (tools/Npvr.Funding.Ops); crashes of consumers and lock
/// expiries stay armed until they happen (or the seed ends). Counts each fault when armed, and as fired where the
/// host can tell (crashes that happened, sends refused, locks doomed, dead letters resubmitted).
/// </summary>
internal sealed class FaultInjector(SimSystem system, FaultPlan plan, FaultTally tally, SeedTrace trace)
{
    /// <summary>Rounds of resubmitting before a dead letter still inside its duplicate window counts as lost.</summary>
    private const int MaxResubmitPasses = 20;

    private const string BrokenReason = "simulated permanent failure (a bug, fixed later)";

    private readonly Dictionary<PlannedFault, int> _lockExpiriesBefore = [];

    /// <summary>Per consumer crash fault: crashes that happened under an earlier host, and crashes still armed.</summary>
    private readonly Dictionary<PlannedFault, (int Fired, int Armed)> _crashes = [];

    private BrokerFaults Broker => system.Broker.Faults;

    public bool CrashesHttpIn(int round) => plan.StartingIn(round).Any(f => f.Kind == FaultKind.CrashHttp);

    public bool RestartsAfter(int round) => plan.StartingIn(round).Any(f => f.Kind == FaultKind.Restart);

    public IEnumerable<PlannedFault> TimersIn(int round) => plan.StartingIn(round).Where(f => f.Kind == FaultKind.TimerEarly);

    public void ArmBefore(int round)
    {
        foreach (var fault in plan.StartingIn(round))
        {
            switch (fault.Kind)
            {
                case FaultKind.Duplicate: Broker.DuplicateNextDeliveries(fault.Target, fault.Count); break;
                case FaultKind.Reorder:
                    Broker.ReorderNextDeliveries(fault.Target, fault.Count, fault.Count % 2 == 0 ? DeliveryOrder.Reverse : DeliveryOrder.Random, fault.Count,
                        TimeSpan.FromMilliseconds(100));
                    break;
                case FaultKind.Delay: Broker.DelayDeliveries(fault.Target, TimeSpan.FromMilliseconds(fault.Count)); break;
                case FaultKind.RefuseSends: Broker.RefuseSends(fault.Target); break;
                case FaultKind.CrashConsumer:
                    system.Host.Faults.CrashAfterWriteBeforeReply(fault.Target, fault.Count);
                    _crashes[fault] = (0, fault.Count);
                    break;
                case FaultKind.LockExpiry:
                    _lockExpiriesBefore[fault] = Broker.LockExpiriesInjected(fault.Target);
                    Broker.ExpireLocksMidHandler(fault.Target, fault.Count);
                    break;
                case FaultKind.DeadLetter: system.Host.Faults.Break(fault.Target, BrokenReason); break;
                default: continue; // crashes of requests, timers and restarts are the round's to run
            }
            tally.Armed(fault.Kind);
        }
    }

    /// <summary>Notes which consumer crashes the old host saw: a restarted host has fresh HostFaults.</summary>
    public void BeforeRestart()
    {
        foreach (var (fault, (fired, armed)) in _crashes.ToList())
        {
            var pending = system.Host.Faults.PendingCrashes(fault.Target);
            _crashes[fault] = (fired + armed - pending, pending);
        }
    }

    /// <summary>Arms on the restarted host what the old one still had: crashes not yet happened, consumers still broken.</summary>
    public void AfterRestart(int round)
    {
        foreach (var (fault, (_, armed)) in _crashes.Where(c => c.Value.Armed > 0))
            system.Host.Faults.CrashAfterWriteBeforeReply(fault.Target, armed);
        foreach (var fault in plan.Faults.Where(f => f.Kind == FaultKind.DeadLetter && f.From <= round && round <= f.To))
            system.Host.Faults.Break(fault.Target, BrokenReason);
    }

    /// <summary>Called once round <paramref name="round"/> is quiet: disarms what ends there and repairs what was broken.</summary>
    public async Task ClearAfterAsync(int round)
    {
        foreach (var fault in plan.EndingIn(round))
        {
            switch (fault.Kind)
            {
                case FaultKind.Duplicate or FaultKind.Reorder or FaultKind.Delay:
                    Broker.Clear(fault.Target);
                    break;
                case FaultKind.RefuseSends:
                    Note(fault, Broker.RefusedSends(fault.Target), "send(s) refused");
                    Broker.Clear(fault.Target);
                    break;
                case FaultKind.DeadLetter:
                    system.Host.Faults.Repair(fault.Target);
                    Note(fault, await ResubmitAsync(FaultPlan.Consumers[fault.Target]), "dead letter(s) resubmitted");
                    await system.IdleAsync();
                    break;
            }
        }
    }

    /// <summary>At the end of the seed: how many of the armed consumer crashes and lock expiries happened.</summary>
    public void Finish()
    {
        foreach (var (fault, (fired, armed)) in _crashes)
            Note(fault, fired + armed - system.Host.Faults.PendingCrashes(fault.Target), "invocation(s) crashed after their write");
        foreach (var (fault, before) in _lockExpiriesBefore)
            Note(fault, Broker.LockExpiriesInjected(fault.Target) - before, "lock(s) expired mid-handler");
    }

    private void Note(PlannedFault fault, int times, string what)
    {
        if (times > 0) tally.Fired(fault.Kind);
        trace.Add($"  {FaultTally.Name(fault.Kind)} on {fault.Target}: {times} {what}");
    }

    /// <summary>
    /// Every dead letter of the entities back to its topic or queue, as an operator does once the consumer is fixed.
    /// The tool holds a letter still inside the duplicate window of its original send (Service Bus would drop it):
    /// resubmitting is repeated until none is held.
    /// </summary>
    private async Task<int> ResubmitAsync(IEnumerable<string> entities)
    {
        var resubmitted = 0;
        // The tool waits for messages that are not there; the local broker says at once whether there are any.
        foreach (var entity in entities.Where(e => system.Broker.DeadLetters(e).Count > 0))
        {
            for (var pass = 1; ; pass++)
            {
                using var output = new StringWriter();
                var exit = await OpsCommand.RunAsync(
                    ["dead-letters", "resubmit", "--entity", entity, "--all", "--connection", system.Host.ServiceBusConnectionString, "--topology", system.TopologyPath],
                    output, output, CancellationToken.None);
                resubmitted += ResubmittedCount(output.ToString());
                if (exit == 0) break;
                if (exit != 1 || pass >= MaxResubmitPasses)
                    throw new InvalidOperationException($"Resubmitting the dead letters of {entity} failed (exit {exit}): {output}");
                await Task.Delay(SimTopology.DuplicateWindow / 4);
            }
        }
        return resubmitted;
    }

    /// <summary>The tool's closing line: "N resubmitted to {entity}, M held, K dead letter(s) seen."</summary>
    private static int ResubmittedCount(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) resubmitted to ", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
