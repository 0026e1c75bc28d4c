using Azure.Data.Tables;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// Runs an HTTP write: load, decide, commit state + outbox rows + idempotency record in one transaction, retrying a
/// bounded number of times when a concurrent writer got there first; then publish and mark the outbox rows.
/// Idempotency is insert-if-absent: the record rides in the same transaction, so two racing requests with one key
/// cannot both win.
/// </summary>
public sealed class HttpWrites(Outbox outbox)
{
    public const int MaxAttempts = 8;

    public async Task<InvocationResult> CommitAsync(TableClient table, string partitionKey, HttpCall call,
        Func<CancellationToken, Task<WritePlan>> decide, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(call);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var earlier = await FindEarlierAnswerAsync(table, partitionKey, call, fingerprint, cancellationToken);
            if (earlier is not null) return new InvocationResult().WithHttp(earlier);

            var plan = await decide(cancellationToken);
            foreach (var envelope in plan.Events) plan.Write.Publish(OutboxMessage.Event(envelope));
            if (call.IdempotencyKey is { } key) plan.Write.InsertGuard(StoredResponse.ToEntity(partitionKey, key, fingerprint, plan.Response));

            if (await TableCommit.CommitAsync(table, plan.Write, cancellationToken) == CommitOutcome.Committed)
            {
                await outbox.PublishAndMarkAsync(table, plan.Write, cancellationToken);
                return new InvocationResult().WithHttp(plan.Response);
            }
            await ConflictBackoff.DelayAsync(attempt, cancellationToken);
        }
        throw new WriteContentionException(partitionKey, MaxAttempts);
    }

    private static async Task<HttpResult?> FindEarlierAnswerAsync(TableClient table, string partitionKey, HttpCall call, string fingerprint, CancellationToken cancellationToken)
    {
        if (call.IdempotencyKey is not { } key) return null;
        if (key.Length is 0 or > 200 || !key.All(c => c is >= '!' and <= '~'))
            throw new ProblemException(Problem.BadRequest("idempotency-key-invalid", "An Idempotency-Key is 1 to 200 printable ASCII characters, no spaces."));
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
        return RowKeys.Sha256Hex($"{call.Caller.Name}\n{call.Request.Method.ToUpperInvariant()} {path}\n{call.Request.Body}");
    }
}
