using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.PersonalData;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.PersonalData;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// POST /audit/personal-data/erasure: Funding.Coordinator only (docs/decisions.md says why). Erases one person's names
/// and e-mail addresses (by Entra object id, or by e-mail address) kept beside every region's journal entries, records
/// each region's erasure in its chain (PersonalDataErased) and the request in the Spending table, and answers what was
/// erased. The chain, its checkpoints and proofs are untouched: only values outside the hashed content go. A person
/// with many entries is erased over several calls (<c>complete: false</c>: call again); a repeat erases what is left.
/// </summary>
public sealed class ErasePersonalData(PersonalDataErasure erasure, SpendingStore spending, TimeProvider clock) : HttpFunction
{
    /// <summary>
    /// Index rows handled per call over all regions: each is one transaction over at most 49 entries (that many point
    /// reads), so one call reads about 10,000 entry rows at most and answers within the host's time limit.
    /// </summary>
    public const int MaxIndexRowsPerCall = 200;

    public const string ErasuresPartition = "personal-data-erasures";

    public override string Name => nameof(ErasePersonalData);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Coordinator);
        var body = call.ReadBody<ErasureBody>();
        var request = ErasureRequests.Validate(body.ObjectId, body.Email, body.Reason);
        var subjectKey = request.ObjectId is { } id ? PersonalSubject.ObjectId(id) : PersonalSubject.Email(request.Email!);
        var context = new ErasureContext(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), request.Reason, call.Actor, call.CorrelationId, call.InvocationId);
        var done = new List<RegionErasure>(Regions.All.Count);
        var budget = MaxIndexRowsPerCall;
        // Bounded by the eleven regions and by the budget of index rows.
        foreach (var region in Regions.All)
        {
            if (budget == 0) break;
            var erased = await erasure.EraseAsync(region.Id, subjectKey, context, budget, cancellationToken);
            done.Add(erased);
            budget -= erased.IndexRows;
        }
        var complete = done.Count == Regions.All.Count && done.All(r => !r.Remaining);
        var answer = new
        {
            erasureId = context.ErasureId,
            erasedAt = context.ErasedAt,
            subject = request.ObjectId is null ? "email" : "object-id",
            reason = context.Reason,
            complete,
            regions = done.Where(r => r.Entries > 0).Select(r => new { regionId = r.RegionId, entries = r.Entries, values = r.Values }).ToList(),
        };
        await RecordAsync(await spending.TableAsync(cancellationToken), context, answer.subject, FundingJson.Serialize(answer.regions), complete, cancellationToken);
        return Respond(HttpResult.Ok(answer));
    }

    /// <summary>The request as Spending remembers it: who (object id and tenant id only), when, why, what; never whose.</summary>
    private static Task RecordAsync(TableClient table, ErasureContext context, string subject, string regions, bool complete, CancellationToken cancellationToken) =>
        table.AddEntityAsync(new TableEntity(ErasuresPartition, context.ErasureId)
        {
            ["ErasedAt"] = context.ErasedAt,
            ["Subject"] = subject,
            ["ActorObjectId"] = context.Actor.ObjectId,
            ["ActorTenantId"] = context.Actor.TenantId,
            ["Reason"] = context.Reason,
            ["Regions"] = regions,
            ["Complete"] = complete,
        }, cancellationToken);

    private sealed record ErasureBody(string? ObjectId, string? Email, string? Reason);
}
