namespace Npvr.Funding.LocalHost.Broker;

/// <summary>The faults armed on one entity, applied when it delivers. Guarded by the emulator's lock.</summary>
internal sealed class EntityFaultState
{
    private ReorderPlan? _reorder;

    public int DuplicatesRemaining { get; set; }

    public TimeSpan DeliveryDelay { get; set; }

    /// <summary>How many of the next deliveries get a lock that expires while their handler runs.</summary>
    public int LockExpiriesRemaining { get; set; }

    /// <summary>How many deliveries the lock-expiry fault doomed since the emulator started (so a test can see it fired).</summary>
    public int LockExpiriesInjected { get; private set; }

    /// <summary>When a reorder batch stops waiting for more messages; null when none is waiting.</summary>
    public DateTimeOffset? ReorderHoldUntilUtc => _reorder?.HoldUntilUtc;

    public void ArmReorder(int count, DeliveryOrder order, int seed, TimeSpan maxHold) =>
        _reorder = new ReorderPlan(count, order, new Random(seed), maxHold);

    public void Clear()
    {
        _reorder = null;
        DuplicatesRemaining = 0;
        DeliveryDelay = TimeSpan.Zero;
        LockExpiriesRemaining = 0;
    }

    /// <summary>True when the lock-expiry fault wants this delivery's lock to run out mid-handler (and consumes one).</summary>
    public bool TakeLockExpiry()
    {
        if (LockExpiriesRemaining <= 0)
        {
            return false;
        }

        LockExpiriesRemaining--;
        LockExpiriesInjected++;
        return true;
    }

    /// <summary>A message is available: an armed reorder batch waits at most its max hold from now on.</summary>
    public void NoteAvailable(DateTimeOffset nowUtc)
    {
        if (_reorder is { } plan)
        {
            plan.HoldUntilUtc ??= nowUtc + plan.MaxHold;
        }
    }

    /// <summary>True when the duplicate fault wants this delivery doubled (and consumes one from the count).</summary>
    public bool TakeDuplicate(StoredMessage message)
    {
        if (DuplicatesRemaining <= 0 || message.IsInjectedDuplicate)
        {
            return false;
        }

        DuplicatesRemaining--;
        return true;
    }

    /// <summary>
    /// Returns false while a reorder batch waits for its messages; once the batch is complete (or waited long
    /// enough) permutes the head of <paramref name="available"/> and disarms.
    /// </summary>
    public bool TryReleaseReorderBatch(LinkedList<StoredMessage> available, DateTimeOffset nowUtc)
    {
        if (_reorder is not { } plan)
        {
            return true;
        }

        if (available.Count < plan.Count)
        {
            plan.HoldUntilUtc ??= nowUtc + plan.MaxHold;
            if (nowUtc < plan.HoldUntilUtc)
            {
                return false;
            }
        }

        int batchSize = Math.Min(plan.Count, available.Count);
        var batch = new StoredMessage[batchSize];
        for (int i = 0; i < batchSize; i++)
        {
            batch[i] = available.First!.Value;
            available.RemoveFirst();
        }

        plan.Permute(batch);
        for (int i = batchSize - 1; i >= 0; i--)
        {
            available.AddFirst(batch[i]);
        }

        _reorder = null;
        return true;
    }

    private sealed class ReorderPlan(int count, DeliveryOrder order, Random random, TimeSpan maxHold)
    {
        public int Count { get; } = count;

        public TimeSpan MaxHold { get; } = maxHold;

        public DateTimeOffset? HoldUntilUtc { get; set; }

        public void Permute(StoredMessage[] batch)
        {
            if (order == DeliveryOrder.Reverse)
            {
                Array.Reverse(batch);
                return;
            }

            // Random with a caller's seed is a test fixture's determinism, not security.
#pragma warning disable CA5394
            random.Shuffle(batch);
#pragma warning restore CA5394
        }
    }
}
