using Azure.Data.Tables;
using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// Runs an HTTP write: load, decide, commit state + outbox rows + idempotency record in one transaction, retrying a
/// bounded number of times when a concurrent writer got there first; then publish and mark the outbox rows.
/// Idempotency is insert-if-absent: the record rides in the same transaction, so two racing requests with one key
/// cannot both win, and the stored answer is read only when that insert finds it (or the decision refuses a repeat
/// whose first answer stands): a first request makes no read for its key.
/// </summary>
public sealed class HttpWrites(Outbox outbox)
{
    public const int MaxAttempts = 8;

    public async Task<InvocationResult> CommitAsync(TableClient table, string partitionKey, HttpCall call,
        Func<CancellationToken, Task<WritePlan>> decide, CancellationToken cancellationToken)
    {
        var key = ValidKey(call);
        var fingerprint = Fingerprint(call);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            WritePlan plan;
            try
            {
                plan = await decide(cancellationToken);
            }
            catch (Exception refusal) when (key is not null && refusal is DomainException or ProblemException)
            {
                // A repeat of a request that was answered before may be refused now (the state moved on): its first answer stands.
                if (await EarlierAnswerAsync(table, partitionKey, key, fingerprint, cancellationToken) is { } earlier) return new InvocationResult().WithHttp(earlier);
                throw;
            }
            foreach (var envelope in plan.Events) plan.Write.Publish(OutboxMessage.Event(envelope));
            if (key is not null) plan.Write.InsertGuard(StoredResponse.ToEntity(partitionKey, key, fingerprint, plan.Response));

            var outcome = await TableCommit.CommitAsync(table, plan.Write, cancellationToken);
            if (outcome == CommitOutcome.Committed)
            {
                await outbox.PublishAndMarkAsync(table, plan.Write, cancellationToken);
                return new InvocationResult().WithHttp(plan.Response);
            }
            // The idempotency record's insert found the key used before: nothing of this plan was written, the first answer stands.
            if (outcome == CommitOutcome.AlreadyDone && key is not null && await EarlierAnswerAsync(table, partitionKey, key, fingerprint, cancellationToken) is { } firstAnswer)
                return new InvocationResult().WithHttp(firstAnswer);
            // A conflict, or another guard of the plan that a concurrent request inserted first (a ledger entry's own id, sent
            // twice at once without a key; found by the simulator, issue 13): nothing was written, the next decision sees it.
            await ConflictBackoff.DelayAsync(attempt, cancellationToken);
        }
        throw new WriteContentionException(partitionKey, MaxAttempts);
    }

    /// <summary>The Idempotency-Key, checked before any storage is touched; null without one.</summary>
    private static string? ValidKey(HttpCall call)
    {
        if (call.IdempotencyKey is not { } key) return null;
        if (key.Length is 0 or > 200 || !key.All(c => c is >= '!' and <= '~'))
            throw new ProblemException(Problem.BadRequest("idempotency-key-invalid", "An Idempotency-Key is 1 to 200 printable ASCII characters, no spaces."));
        // Keys are the caller's own: another caller's same key is another record, so no caller can block or read another's.
        return $"{CallerIdentity(call.Caller)}\n{key}";
    }

    private static async Task<HttpResult?> EarlierAnswerAsync(TableClient table, string partitionKey, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKeys.Idempotency(key), cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var (storedFingerprint, response) = StoredResponse.FromEntity(row.Value!);
        return storedFingerprint == fingerprint
            ? response
            : HttpResult.FromProblem(Problem.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request."));
    }

    private static string Fingerprint(HttpCall call)
    {
        var path = Uri.TryCreate(call.Request.Url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : call.Request.Url;
        // Bound to the caller: another caller reusing a key gets 409, never someone else's stored answer.
        return RowKeys.Sha256Hex($"{CallerIdentity(call.Caller)}\n{call.Request.Method.ToUpperInvariant()} {path}\n{call.Request.Body}");
    }

    /// <summary>The person behind the call: Entra object id and tenant id where the platform passes them, the name otherwise.</summary>
    private static string CallerIdentity(CallerPrincipal caller) =>
        caller.ObjectId is { } objectId && caller.TenantId is { } tenantId ? $"oid:{tenantId:D}/{objectId:D}" : "name:" + caller.Name;
}
