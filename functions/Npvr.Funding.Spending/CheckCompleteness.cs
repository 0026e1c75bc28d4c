using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npvr.Funding.Contracts.Journal;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/completeness: Funding.Auditor only (issue 12 point 7). Reads the region's whole
/// journal and compares, per app, the event ids its PublicationsAnnounced entries name with the events the journal
/// holds (<see cref="CompletenessCheck"/>): an id announced and not journaled is missing, by name. The evidence is in
/// the hash-chained journal itself, so it is as tamper-evident as the events it vouches for.
/// </summary>
public sealed class CheckCompleteness(JournalStore store, IConfiguration configuration) : HttpFunction
{
    /// <summary>
    /// The largest journal compared in one call (as VerifyJournal walks): about 1,000 pages read and two sets of up to
    /// a million ids held, roughly 200 MB. A larger journal is refused with 409 journal-too-large, never cut silently.
    /// </summary>
    public const long MaxEntries = VerifyJournal.MaxEntries;

    /// <summary>Lowers <see cref="MaxEntries"/> (never raises it: the bound is memory), so a test can reach the refusal.</summary>
    public const string MaxEntriesSetting = "Audit:CompletenessMaxEntries";

    private readonly long _maxEntries = Math.Clamp(configuration.GetValue(MaxEntriesSetting, MaxEntries), 0, MaxEntries);

    private const int PageSize = 1000;

    public override string Name => nameof(CheckCompleteness);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var table = await store.TableAsync(cancellationToken);
        var (head, _) = await JournalStore.HeadAsync(table, regionId, cancellationToken);
        if (head.Sequence > _maxEntries) throw TooLarge(head.Sequence);
        var check = new CompletenessCheck();
        long from = 1;
        // Bounded: _maxEntries / PageSize pages, and one more to see whether the journal grew past the bound meanwhile.
        while (true)
        {
            var page = await JournalStore.EntriesAsync(table, regionId, from, PageSize, cancellationToken);
            foreach (var entry in page) check.Accept(JournaledEvent.FromEnvelope(entry.EnvelopeJson()));
            if (check.Entries > _maxEntries) throw TooLarge(check.Entries);
            if (page.Count < PageSize) break;
            from = page[^1].Sequence + 1; // by stored key, as VerifyJournal walks
        }
        var report = check.Report();
        return Respond(HttpResult.Ok(new
        {
            regionId,
            journalSize = report.JournalSize,
            complete = report.Complete,
            unattributed = report.Unattributed,
            unreadableAnnouncements = report.UnreadableAnnouncements,
            apps = report.Apps,
        }));
    }

    private ProblemException TooLarge(long entries) => new(Problem.Conflict("journal-too-large",
        string.Create(CultureInfo.InvariantCulture, $"The region's journal holds {entries} entries; completeness is compared for at most {_maxEntries}.")));
}
