using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain;
using Npvr.Funding.EndToEnd.Tests.Support;

namespace Npvr.Funding.Simulation.Workload;

/// <summary>
/// The requests each kind of user makes (docs/api.md, docs/openapi.yaml), with bodies from the seed. Most are valid;
/// some are not (an estimate above the gross, a receipt of the wrong amount, a designation dated before the current
/// one, the wrong resolution), as real users' are. A null answer means "nothing to do this for".
/// </summary>
internal sealed class UserActions(World world, Func<Snapshot> snapshot)
{
    private static readonly string[] Categories = ["personnel", "process-guidance", "research", "participation", "monitoring", "other"];

    private Snapshot Now => snapshot();

    public Call Programme() => Write("define-programme", HttpMethod.Put, $"programmes/{World.ProgrammeId}", Principals.Finance, new JObject
    {
        ["name"] = "NPVR simulation " + world.Seed,
        ["instrument"] = "DU",
        ["fund"] = "Gemeentefonds",
        ["years"] = new JArray(World.Years),
        ["regions"] = new JArray(world.Regions),
        ["grossPerRegionPerYear"] = world.Gross.ToString(),
    }, ["programme"]);

    /// <summary>A coordinator designates a kassier: in the set-up from 2025, later a replacement, past-dated or in the future.</summary>
    public Call Designate(string regionId, string organisationCode, bool initial)
    {
        var current = Now.EffectiveFromOf(regionId) is { } from ? DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture) : World.FirstDate;
        var effectiveFrom = initial ? World.FirstDate.AddDays(world.Random.Next(40))
            : world.Chance(60) ? world.PastDate(current.AddDays(world.Random.Next(-20, 200)))
            : World.FutureDate.AddDays(world.Random.Next(365));
        return Write("designate", HttpMethod.Put, $"regions/{regionId}/kassier", Principals.Coordinator, new JObject
        {
            ["organisationCode"] = organisationCode,
            ["organisationName"] = (organisationCode.StartsWith("PV", StringComparison.Ordinal) ? "Provincie " : "Gemeente ") + organisationCode,
            ["effectiveFrom"] = World.Text(effectiveFrom),
            ["contactEmail"] = world.Chance(50) ? $"kassier@{organisationCode.ToLowerInvariant()}.nl" : null,
        }, ["kassier:" + regionId]);
    }

    /// <summary>A coordinator authorises the organisation's kassier (the person <see cref="Principals.Kassier"/> acts as) or withdraws them.</summary>
    public Call Staff(string organisationCode, bool withdraw = false)
    {
        var path = $"organisations/{organisationCode}/staff/{Principals.StaffObjectId(organisationCode):D}";
        return withdraw
            ? Write("withdraw-staff", HttpMethod.Post, path + "/withdrawal", Principals.Coordinator, new JObject { ["reason"] = "Left the finance department" }, ["staff:" + organisationCode])
            : Write("authorise-staff", HttpMethod.Put, path, Principals.Coordinator,
                new JObject { ["tenantId"] = Principals.Tenant.ToString("D"), ["displayName"] = "Kassier of " + organisationCode }, ["staff:" + organisationCode]);
    }

    /// <summary>The region's kassier (or Finance) estimates the compensable VAT; now and then above the gross.</summary>
    public Call? Estimate(string regionId, int year)
    {
        var kassier = Now.KassierOf(regionId);
        var byKassier = kassier is not null && world.Chance(60);
        var body = world.Chance(5) ? new JObject { ["compensableVat"] = Money.FromCents(world.GrossCents + 1 + world.Random.Next(100_000)).ToString() }
            : world.Chance(40) ? new JObject { ["vatBearingSpend"] = Money.FromCents(world.Random.Next((int)Math.Min(world.GrossCents, int.MaxValue))).ToString(), ["vatRatePercent"] = world.Chance(70) ? 21 : 9 }
            : new JObject { ["compensableVat"] = Money.FromCents(world.Random.Next((int)(world.GrossCents / 10))).ToString() };
        return Write("estimate", HttpMethod.Put, $"programmes/{World.ProgrammeId}/years/{year}/regions/{regionId}/vat-estimate",
            byKassier ? Principals.Kassier(kassier!) : Principals.Finance, body, Scope(year, regionId, byKassier ? kassier : null));
    }

    /// <summary>Finance issues a year: every region's allocation and kassier in force are read, so it runs alone with both.</summary>
    public Call Issue(int year) =>
        Write("issue", HttpMethod.Post, $"programmes/{World.ProgrammeId}/years/{year}/tranches", Principals.Finance, new JObject(), [Year(year), "kassier"]);

    /// <summary>The kassier the tranche was paid to confirms it; one in five with another amount (a discrepancy).</summary>
    public Call Receipt(JObject tranche, bool exact = false)
    {
        var amount = Money.Parse((string)tranche["amount"]!);
        var wrong = !exact && world.Chance(20);
        var received = wrong ? amount + Money.FromCents(world.Chance(50) ? -(1 + world.Random.Next((int)Math.Min(amount.Cents, 100_000))) : 1 + world.Random.Next(100_000)) : amount;
        var code = (string)tranche["kassierOrganisationCode"]!;
        return Write("receipt", HttpMethod.Post, $"tranches/{tranche["trancheId"]}/receipt", Principals.Kassier(code), new JObject
        {
            ["receivedOn"] = Today(),
            ["amount"] = received.ToString(),
            ["bankReference"] = $"NL-SIM-{world.Random.Next(1_000_000):D6}",
        }, [.. TrancheScope(tranche), "staff:" + code]);
    }

    /// <summary>Finance resolves a discrepancy: a supplement for a shortfall, a recovery for an overpayment; one in ten the wrong one.</summary>
    public Call Resolve(JObject tranche, bool right = false)
    {
        var shortfall = Money.Parse((string)tranche["discrepancy"]!["difference"]!).IsNegative;
        var action = shortfall ^ (!right && world.Chance(10)) ? "supplement" : "recovery";
        return Write("resolve", HttpMethod.Post, $"tranches/{tranche["trancheId"]}/discrepancy/resolution", Principals.Finance,
            new JObject { ["reason"] = "Settled with the kassier", ["action"] = action }, TrancheScope(tranche));
    }

    public Call Void(JObject tranche) =>
        Write("void", HttpMethod.Post, $"tranches/{tranche["trancheId"]}/void", Principals.Finance, new JObject { ["reason"] = "Paid to the wrong account" }, TrancheScope(tranche));

    public Call Close(int year) =>
        Write("close", HttpMethod.Post, $"programmes/{World.ProgrammeId}/years/{year}/close", Principals.Finance, new JObject(), [Year(year)]);

    /// <summary>The region's kassier books an invoice (entryId is the client's own idempotency key).</summary>
    public Call? Spend(string regionId, int? inYear = null)
    {
        if (Now.KassierOf(regionId) is not { } kassier) return null;
        var (entryId, bookedOn) = (world.NextGuid(), BookedOn(inYear));
        world.Entries[regionId].Add((entryId, bookedOn.Year));
        var entry = Entry(entryId, bookedOn);
        return new Call("spend", HttpMethod.Post, $"regions/{regionId}/spending", Principals.Kassier(kassier), entry.ToString(Formatting.None), null,
            Scope(bookedOn.Year, regionId, kassier, "spend:" + entryId)) { Resend = ResendOf(allowConcurrent: true) };
    }

    public Call? Reverse(string regionId)
    {
        if (Now.KassierOf(regionId) is not { } kassier || world.Entries[regionId].Count == 0) return null;
        var (entryId, year) = world.Pick(world.Entries[regionId]);
        return Write("reverse", HttpMethod.Post, $"regions/{regionId}/spending/{entryId}/reversal", Principals.Kassier(kassier),
            new JObject { ["reason"] = "Booked twice" }, Scope(year, regionId, kassier, "spend:" + entryId));
    }

    /// <summary>A spreadsheet of one to four invoices; one file in seven has a line the import refuses (nothing is then written).</summary>
    public Call? Import(string regionId)
    {
        if (Now.KassierOf(regionId) is not { } kassier) return null;
        var separator = world.Chance(50) ? ';' : ',';
        var lines = new List<string> { string.Join(separator, SpendingCsvColumns) };
        var resources = new List<string> { "kassier:" + regionId, "staff:" + kassier };
        var bad = world.Chance(15);
        for (var i = 1 + world.Random.Next(4); i > 0; i--)
        {
            var (entryId, bookedOn) = (world.NextGuid(), BookedOn(null));
            if (!bad) world.Entries[regionId].Add((entryId, bookedOn.Year));
            var e = Entry(entryId, bookedOn);
            var amount = bad && i == 1 ? "12,3" : (string)e["amount"]!;
            lines.Add(string.Join(separator, entryId, World.ProgrammeId, e["bookedOn"], amount, e["vat"], e["compensableVat"], e["category"], e["counterparty"], e["invoiceReference"], e["description"], "", ""));
            resources.Add($"{Year(bookedOn.Year)}:{regionId}:spend:{entryId}");
        }
        return new Call("import", HttpMethod.Post, $"regions/{regionId}/spending/import", Principals.Kassier(kassier), string.Join("\r\n", lines) + "\r\n", null, resources)
        {
            IsCsv = true,
            Resend = world.Chance(15) ? Resend.After : Resend.None,
        };
    }

    private static readonly string[] SpendingCsvColumns =
        ["entryId", "programmeId", "bookedOn", "amount", "vat", "compensableVat", "category", "counterparty", "invoiceReference", "description", "onwardTransferName", "onwardTransferKvk"];

    private JObject Entry(Guid entryId, DateOnly bookedOn)
    {
        var amountCents = 10_000 + world.Random.Next(5_000_000);
        var vatCents = world.Chance(50) ? 0 : (long)Math.Round(amountCents * 21m / 121m, MidpointRounding.AwayFromZero);
        var compensable = world.Chance(70) ? vatCents : vatCents / 2;
        return new JObject
        {
            ["entryId"] = entryId.ToString(),
            ["programmeId"] = World.ProgrammeId,
            ["bookedOn"] = World.Text(bookedOn),
            ["amount"] = Money.FromCents(amountCents).ToString(),
            ["vat"] = Money.FromCents(vatCents).ToString(),
            ["compensableVat"] = Money.FromCents(compensable).ToString(),
            ["category"] = world.Pick(Categories),
            ["counterparty"] = $"Leverancier {world.Random.Next(1000)} B.V.",
            ["invoiceReference"] = $"F-{world.Random.Next(100_000):D5}",
            ["description"] = "Werkzaamheden " + world.Random.Next(1000),
            ["onwardTransferTo"] = null,
        };
    }

    private DateOnly BookedOn(int? year) => year is { } y
        ? new DateOnly(y, 1, 1).AddDays(world.Random.Next(y == World.LastPastDate.Year ? World.LastPastDate.DayOfYear : 365))
        : world.PastDate(World.FirstDate);

    /// <summary>A write as a user's client sends it: mostly with an Idempotency-Key, some resent.</summary>
    private Call Write(string label, HttpMethod method, string path, string principal, JObject body, IReadOnlyList<string> resources)
    {
        var keyed = world.Chance(70);
        return new Call(label, method, path, principal, body.ToString(Formatting.None), keyed ? world.NextKey() : null, resources)
        {
            // Two at once without a key may both apply (two designations, two estimates): still the same end state.
            Resend = ResendOf(allowConcurrent: true),
        };
    }

    private Resend ResendOf(bool allowConcurrent) => world.Random.Next(10) switch
    {
        0 => Resend.After,
        1 when allowConcurrent => Resend.Concurrently,
        _ => Resend.None,
    };

    public static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Scope(int year, string regionId, string? kassier, string? detail = null)
    {
        var resources = new List<string> { detail is null ? $"{Year(year)}:{regionId}" : $"{Year(year)}:{regionId}:{detail}", "kassier:" + regionId };
        if (kassier is not null) resources.Add("staff:" + kassier);
        return resources;
    }

    private static IReadOnlyList<string> TrancheScope(JObject tranche) => [$"{tranche["year"]}:{tranche["regionId"]}"];

    /// <summary>A receipt may not be dated after today nor before the issue (today): the one date that follows the clock.</summary>
    private static string Today() => World.Text(Domain.Spending.BusinessDate.InAmsterdam(DateTimeOffset.UtcNow));
}
