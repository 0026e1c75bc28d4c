using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts.Journal;

namespace Npvr.Funding.Spending;

/// <summary>At most one checkpoint per region per <see cref="Every"/> after link passes (Audit:CheckpointEverySeconds, default 60; 0 signs after every pass).</summary>
public sealed record CheckpointPacing(TimeSpan Every)
{
    public const string Setting = "Audit:CheckpointEverySeconds";
    public const int DefaultSeconds = 60;
}

/// <summary>What writing a region's checkpoint came to.</summary>
public enum CheckpointOutcome
{
    /// <summary>The journal is empty, or its head predates the Merkle tree (the linker backfills it first).</summary>
    NothingToSign,
    AlreadySigned,
    Signed,
    /// <summary>The journal does not extend the latest stored checkpoint: an alarm was raised and nothing was signed.</summary>
    Contradiction,
}

/// <summary>
/// Signs the region's tree as the head records it and stores the checkpoint outside the journal table, once the tree
/// is shown to extend the latest stored checkpoint (an RFC 9162 consistency proof read from the tree's stored nodes).
/// A journal that is shorter than, or rewrites, what was signed is an alarm: logged as critical, written to the archive
/// and answered as a problem by the checkpoint route; the stored checkpoints are never overwritten.
/// </summary>
public sealed class Checkpoints(JournalStore store, ICheckpointSigner signer, CheckpointArchive archive, CheckpointPacing pacing, TimeProvider clock,
    ILogger<Checkpoints> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAfterLink = new(StringComparer.Ordinal);

    /// <summary>
    /// After a link pass: signs unless this instance did so for the region less than <see cref="CheckpointPacing.Every"/>
    /// ago. Each pass runs inside a writer's request, and a signature, a consistency proof and a blob per write would put
    /// them on every spending entry's path; the LinkJournals timer signs whatever the pacing leaves.
    /// </summary>
    public Task AfterLinkAsync(string regionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_lastAfterLink.TryGetValue(regionId, out var last) && now - last < pacing.Every) return Task.CompletedTask;
        _lastAfterLink[regionId] = now;
        return TryWriteAsync(regionId, cancellationToken);
    }

    public async Task<CheckpointOutcome> WriteAsync(string regionId, CancellationToken cancellationToken)
    {
        var table = await store.TableAsync(cancellationToken);
        var head = await JournalStore.ReadHeadAsync(table, regionId, cancellationToken);
        if (head.Frontier is not { Size: > 0 } frontier) return CheckpointOutcome.NothingToSign;
        var root = Convert.ToHexStringLower(frontier.Root());
        var latest = await archive.LatestAsync(regionId, cancellationToken);
        if (latest is not null)
        {
            if (latest.TreeSize == frontier.Size && latest.RootHash == root) return CheckpointOutcome.AlreadySigned;
            if (await ContradictionAsync(table, latest, frontier.Size, root, cancellationToken) is { } reason)
                return await AlarmAsync(latest, frontier.Size, root, reason, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var key = (await signer.KeysAsync(cancellationToken))[^1];
        var unsigned = new Checkpoint(regionId, frontier.Size, root, Checkpoint.TimeText(now), key.KeyId, "");
        var signature = await signer.SignAsync(key, unsigned.SignedBytes(), cancellationToken);
        var stored = await archive.AddAsync(unsigned with { Signature = Convert.ToBase64String(signature) }, cancellationToken);
        if (stored.RootHash != root) // another instance signed this size first, with another root
            return await AlarmAsync(stored, frontier.Size, root, $"a checkpoint of size {stored.TreeSize} names another root", cancellationToken);
        return CheckpointOutcome.Signed;
    }

    /// <summary>Writes a checkpoint, logging (not throwing) a storage failure: the next pass or the timer signs the larger tree.</summary>
    public async Task TryWriteAsync(string regionId, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(regionId, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning("Journal of {Region}: no checkpoint this time ({Status} {Code}); the next pass signs.", regionId, e.Status, e.ErrorCode);
        }
    }

    private static async Task<string?> ContradictionAsync(Azure.Data.Tables.TableClient table, Checkpoint latest, long treeSize, string root, CancellationToken cancellationToken)
    {
        if (latest.TreeSize > treeSize) return $"the journal holds {treeSize} entries; a checkpoint of {latest.TreeSize} was signed";
        if (latest.TreeSize == treeSize) return $"the journal's root at {treeSize} entries is not the signed one";
        var proof = await JournalTree.NodeHashesAsync(table, latest.RegionId, MerkleProofs.ConsistencyPath(latest.TreeSize, treeSize), cancellationToken);
        return MerkleProofs.VerifyConsistency(latest.TreeSize, treeSize, Convert.FromHexString(latest.RootHash), Convert.FromHexString(root), proof)
            ? null
            : $"the journal of {treeSize} entries does not extend the checkpoint of {latest.TreeSize}";
    }

    private async Task<CheckpointOutcome> AlarmAsync(Checkpoint signed, long treeSize, string root, string reason, CancellationToken cancellationToken)
    {
        logger.LogCritical("Journal of {Region} contradicts its signed checkpoint: {Reason}. Nothing is signed until this is resolved.", signed.RegionId, reason);
        var latestAlarm = await archive.LatestAlarmAsync(signed.RegionId, cancellationToken);
        // One alarm per state found: a journal that stays as it is raises it once, not once per pass.
        if ((long?)latestAlarm?["journal"]?["treeSize"] == treeSize && (string?)latestAlarm?["journal"]?["rootHash"] == root) return CheckpointOutcome.Contradiction;
        var now = clock.GetUtcNow();
        var alarm = new JObject
        {
            ["regionId"] = signed.RegionId,
            ["raisedAt"] = Checkpoint.TimeText(now),
            ["reason"] = reason,
            ["checkpoint"] = signed.ToJson(),
            ["journal"] = new JObject { ["treeSize"] = treeSize, ["rootHash"] = root },
        };
        await archive.RaiseAlarmAsync(signed.RegionId, alarm, now, cancellationToken);
        return CheckpointOutcome.Contradiction;
    }
}
