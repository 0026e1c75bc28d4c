using System.Globalization;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/journal?from=: Funding.Auditor only. Entries in sequence order from sequence
/// <c>from</c> (default 1), paged, each with its format, hash and previousHash, <c>content</c> (the exact text that was
/// hashed) and <c>entry</c> (the event envelope it holds, for reading).
/// </summary>
public sealed class GetJournal(JournalStore store, ContinuationTokens tokens) : HttpFunction
{
    public override string Name => nameof(GetJournal);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var scope = "journal\n" + regionId;
        var paging = tokens.Read(call.Request, scope);
        var from = ParseSequence(paging.Position ?? call.Request.QueryValue("from"));
        var table = await store.TableAsync(cancellationToken);
        var entries = await JournalStore.EntriesAsync(table, regionId, from, paging.PageSize + 1, cancellationToken);
        var page = entries.Take(paging.PageSize).ToList();
        var next = entries.Count > paging.PageSize ? tokens.Issue(entries[^1].Sequence.ToString(CultureInfo.InvariantCulture), scope) : null;
        var items = page.Select(e => new { sequence = e.Sequence, format = e.Format, previousHash = e.PreviousHash, hash = e.Hash, content = e.Content, entry = e.EnvelopeJson() });
        return Respond(HttpResult.Ok(new { regionId, items, continuationToken = next }));
    }

    private static long ParseSequence(string? text)
    {
        if (text is null) return 1;
        return QueryValues.TryParseWholeNumber(text, 12, out var sequence) && sequence >= 1
            ? sequence
            : throw new ProblemException(Problem.BadRequest("from-invalid", "from is a journal sequence number, 1 or more."));
    }
}
