using System.Globalization;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/journal?from=: Funding.Auditor only. Entries in sequence order from sequence
/// <c>from</c> (default 1), paged, each with its format, hash and previousHash, <c>content</c> (the exact text that was
/// hashed), <c>entry</c> (the event envelope it holds, for reading) and <c>personalData</c> (the clear values of the
/// digests in it, kept beside the entry and never hashed, or their erasure: issue 12, point 6).
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
        var entries = await JournalStore.StoredEntriesAsync(table, regionId, from, paging.PageSize + 1, cancellationToken);
        var page = entries.Take(paging.PageSize).ToList();
        var next = entries.Count > paging.PageSize ? tokens.Issue(entries[^1].Entry.Sequence.ToString(CultureInfo.InvariantCulture), scope) : null;
        return Respond(HttpResult.Ok(new { regionId, items = page.Select(Item), continuationToken = next }));
    }

    private static object Item(StoredEntry stored)
    {
        var e = stored.Entry;
        return new { sequence = e.Sequence, format = e.Format, previousHash = e.PreviousHash, hash = e.Hash, content = e.Content, entry = e.EnvelopeJson(), personalData = Served(stored) };
    }

    /// <summary>
    /// The personal values kept beside the entry, each with the digest its content holds at its path, so an auditor
    /// checks SHA-256(salt || value) against it; an erased value shows salt and value null and when it was erased.
    /// </summary>
    private static JArray Served(StoredEntry stored)
    {
        if (stored.PersonalData.Count == 0) return [];
        var content = stored.Entry.ContentJson();
        return [.. stored.PersonalData.Select(v => v.ToServed((string?)JsonPointer.StringAt(content, v.Path)))];
    }

    private static long ParseSequence(string? text)
    {
        if (text is null) return 1;
        return QueryValues.TryParseWholeNumber(text, 12, out var sequence) && sequence >= 1
            ? sequence
            : throw new ProblemException(Problem.BadRequest("from-invalid", "from is a journal sequence number, 1 or more."));
    }
}
