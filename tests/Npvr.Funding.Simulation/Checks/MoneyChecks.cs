using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain;
using Npvr.Funding.Simulation.Harness;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// Every euro accounted for, per region-year: net allocated + BCF deposit = gross (allocations and statements); at most
/// one regular tranche that is not voided, and it pays exactly the net DU of the allocation version it froze; a
/// supplement pays exactly the shortfall it resolves; what the kassier keeps (received minus recovered, an open
/// overpayment counted at the issued amount, over every tranche not voided) never exceeds that net DU.
/// </summary>
internal static class MoneyChecks
{
    public static void Run(FinalState state, Findings findings)
    {
        foreach (var allocation in state.Allocations.Where(a => a["netDu"]!.Type != JTokenType.Null))
        {
            var (gross, net, bcf) = (Amount(allocation["gross"]), Amount(allocation["netDu"]), Amount(allocation["bcfDeposit"]));
            findings.Check(net + bcf == gross, "conservation", () => $"allocation {allocation["regionId"]} {allocation["year"]}: netDu {net} + bcfDeposit {bcf} != gross {gross}");
        }
        foreach (var ((region, year), statement) in state.Statements)
        {
            var (gross, net, bcf) = (Amount(statement["gross"]), Amount(statement["netAllocated"]), Amount(statement["bcfDeposit"]));
            findings.Check(net + bcf == gross, "conservation", () => $"statement {region} {year}: netAllocated {net} + bcfDeposit {bcf} != gross {gross}");
        }
        var ids = state.Tranches.GroupBy(t => (string)t["trancheId"]!, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        findings.Check(ids.Count == 0, "one-tranche-per-sequence", () => $"tranches listed more than once: {string.Join(", ", ids)}");
        foreach (var regionYear in state.Tranches.GroupBy(t => ((string)t["regionId"]!, (int)t["year"]!)))
            RegionYear(regionYear.Key, [.. regionYear], state, findings);
    }

    private static void RegionYear((string Region, int Year) key, List<JObject> tranches, FinalState state, Findings findings)
    {
        var live = tranches.Where(t => (string?)t["status"] != "voided").ToList();
        var regular = live.Where(t => (string?)t["kind"] == "regular").ToList();
        findings.Check(regular.Count <= 1, "one-regular-tranche", () => $"{key.Region} {key.Year} has {regular.Count} regular tranches not voided");
        var sequences = tranches.Select(t => (int)t["sequence"]!).ToList();
        findings.Check(sequences.Distinct().Count() == sequences.Count, "one-tranche-per-sequence", () => $"{key.Region} {key.Year} repeats a sequence: {string.Join(", ", sequences)}");
        if (regular.Count != 1) return;
        var paid = regular[0];
        var allocation = state.Allocations.FirstOrDefault(a => (string?)a["regionId"] == key.Region && (int)a["year"]! == key.Year);
        var frozen = allocation is not null && (string?)allocation["status"] == "disbursed" && (int)allocation["version"]! == (int)paid["allocationVersion"]!;
        if (!findings.Check(frozen, "tranche-pays-frozen-allocation",
            () => $"{paid["trancheId"]} pays allocation version {paid["allocationVersion"]}; the allocation is {allocation?.ToString(Newtonsoft.Json.Formatting.None) ?? "missing"}")) return;
        var netDu = Amount(allocation!["netDu"]);
        findings.Check(Amount(paid["amount"]) == netDu, "tranche-pays-frozen-allocation", () => $"{paid["trancheId"]} pays {paid["amount"]}, the frozen net DU is {netDu}");
        foreach (var supplement in live.Where(t => (string?)t["kind"] == "supplementary"))
        {
            var of = tranches.FirstOrDefault(t => (string?)t["trancheId"] == (string?)supplement["supplementsTrancheId"]);
            var shortfall = of?["discrepancy"] is JObject d ? -Amount(d["difference"]) : Money.Zero;
            findings.Check(Amount(supplement["amount"]) == shortfall, "supplement-pays-shortfall",
                () => $"{supplement["trancheId"]} pays {supplement["amount"]} for a shortfall of {shortfall} on {supplement["supplementsTrancheId"]}");
        }
        var kept = live.Aggregate(Money.Zero, (sum, t) => sum + Kept(t));
        findings.Check(kept <= netDu, "paid-within-allocation", () => $"{key.Region} {key.Year}: the kassier keeps {kept} of tranches, above the frozen net DU {netDu}");
    }

    /// <summary>
    /// What a tranche left with the kassier: what arrived, less a recovery of an overpayment. While an overpayment is
    /// open (not yet recovered) the excess is the ministry's claim, not the region's money: the issued amount counts.
    /// </summary>
    private static Money Kept(JObject tranche)
    {
        var received = tranche["receivedAmount"]!.Type == JTokenType.Null ? Money.Zero : Amount(tranche["receivedAmount"]);
        if (tranche["discrepancy"] is not JObject d) return received;
        if ((bool)d["open"]!) return received > Amount(tranche["amount"]) ? Amount(tranche["amount"]) : received;
        return received - (d["recoveryAmount"]!.Type == JTokenType.Null ? Money.Zero : Amount(d["recoveryAmount"]));
    }

    public static Money Amount(JToken? text) => Money.Parse((string?)text ?? throw new InvalidOperationException("An amount is missing."));
}
