using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Simulation.Checks;

/// <summary>
/// SHA-256 over what a seed's run must end in whatever the scheduling: tranches, allocations, statements and how many
/// events of each type each journal holds. Left out, because they differ from run to run by design: event ids,
/// timestamps, run ids, hashes and seals (they hash event ids and times), the order of a journal (events of different
/// apps reach it in delivery order), dates that follow the clock (receivedOn), and the announcements of what each app
/// published (how many there are depends on how the rows fell into pages).
/// </summary>
internal static class StateHash
{
    private static readonly string[] TrancheFields =
        ["trancheId", "kind", "status", "amount", "bcfDeposit", "allocationVersion", "kassierOrganisationCode", "fund", "receivedAmount", "supplementsTrancheId"];

    private static readonly string[] DiscrepancyFields = ["expected", "received", "difference", "open", "action", "supplementaryTrancheId", "recoveryAmount"];

    public static string Of(FinalState state)
    {
        var snapshot = new JObject
        {
            ["tranches"] = new JArray(state.Tranches.OrderBy(t => (string)t["trancheId"]!, StringComparer.Ordinal).Select(Tranche)),
            ["allocations"] = new JArray(state.Allocations.OrderBy(a => (string)a["regionId"]!, StringComparer.Ordinal).ThenBy(a => (int)a["year"]!)),
            ["statements"] = new JArray(state.Statements.OrderBy(s => s.Key.Region, StringComparer.Ordinal).ThenBy(s => s.Key.Year).Select(s => Without(s.Value, "sealHash"))),
            ["journals"] = new JObject(state.Journals.OrderBy(j => j.Key, StringComparer.Ordinal).Select(j => new JProperty(j.Key, new JObject(
                j.Value.Where(e => (string?)e["entry"]!["type"] != EventTypes.PublicationsAnnounced)
                    .GroupBy(e => (string)e["entry"]!["type"]!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new JProperty(g.Key, g.Count())))))),
        };
        return Hashing.Sha256Hex(CanonicalJson.Write(snapshot));
    }

    private static JObject Tranche(JObject tranche)
    {
        var kept = new JObject(TrancheFields.Select(f => new JProperty(f, tranche[f])));
        kept["discrepancy"] = tranche["discrepancy"] is JObject d ? new JObject(DiscrepancyFields.Select(f => new JProperty(f, d[f]))) : null;
        kept["voided"] = tranche["voided"]!.Type != JTokenType.Null;
        return kept;
    }

    private static JObject Without(JObject value, string field)
    {
        var copy = (JObject)value.DeepClone();
        copy.Remove(field);
        return copy;
    }
}
