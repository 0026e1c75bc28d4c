namespace Npvr.Funding.LocalHost.Broker;

/// <summary>What time does to one entity: scheduled messages appear, fault holds start and end, the next wake-up.</summary>
internal sealed partial class MessageEntity
{
    /// <summary>
    /// The earliest future time at which time alone changes this entity, or null. Times already reached are left out
    /// before taking the earliest (they were applied by Advance, or are a hold's end that TakeEndedHold announces): a
    /// delay that ended must not hide a reorder wait still to end (the simulator's seed 533).
    /// </summary>
    public DateTimeOffset? NextWakeUtc(DateTimeOffset nowUtc)
    {
        DateTimeOffset? wake = null;
        void Consider(DateTimeOffset? at)
        {
            if (at is { } time && time > nowUtc && time != DateTimeOffset.MaxValue && (wake is null || time < wake))
            {
                wake = time;
            }
        }

        Consider(_nextExpiryUtc);
        foreach (StoredMessage message in _scheduled)
        {
            Consider(message.EnqueuedTimeUtc);
        }

        foreach (StoredMessage message in _locked.Values)
        {
            Consider(message.LockedUntilUtc);
        }

        if (_available.Count > 0)
        {
            Consider(Faults.ReorderHoldUntilUtc);
            Consider(_available.First!.Value.NotBeforeUtc);
        }

        Consider(DeadLetterQueue?.NextWakeUtc(nowUtc));
        return wake;
    }

    /// <summary>
    /// True once for each fault hold of the head (its delivery delay, a reorder batch's wait) that has ended by
    /// <paramref name="nowUtc"/>, so that receivers waiting with credit ask again. The wake timer alone is not enough:
    /// when the clock passes a hold's end before its timer ran, the next change re-arms the timer for later times only,
    /// and the message would wait for a receiver's new credit that never comes (found by the simulator, issue 13).
    /// </summary>
    public bool TakeEndedHold(DateTimeOffset nowUtc)
    {
        if (_available.First is not { } head)
        {
            return false;
        }

        DateTimeOffset? ended = null;
        foreach (DateTimeOffset? end in (ReadOnlySpan<DateTimeOffset?>)[head.Value.NotBeforeUtc, Faults.ReorderHoldUntilUtc])
        {
            if (end is { } at && at <= nowUtc && (ended is null || at > ended))
            {
                ended = at;
            }
        }

        if (ended is null || ended == _announcedHoldEndUtc)
        {
            return false;
        }

        _announcedHoldEndUtc = ended;
        return true;
    }

    /// <summary>
    /// Starts the clocks of the delay and reorder faults when a message becomes next in line or available, whether or
    /// not a receiver is asking yet, so that a fault's timing depends on the broker's clock alone.
    /// </summary>
    public void StampFaultTimes(DateTimeOffset nowUtc)
    {
        if (_available.First is not { } head)
        {
            return;
        }

        if (Faults.DeliveryDelay > TimeSpan.Zero)
        {
            head.Value.NotBeforeUtc ??= nowUtc + Faults.DeliveryDelay;
        }

        Faults.NoteAvailable(nowUtc);
    }

    private void PromoteDueScheduled(DateTimeOffset nowUtc)
    {
        if (_scheduled.Count == 0)
        {
            return;
        }

        List<StoredMessage> due = [.. _scheduled.Where(m => m.EnqueuedTimeUtc <= nowUtc)
            .OrderBy(m => m.EnqueuedTimeUtc).ThenBy(m => m.SequenceNumber)];
        foreach (StoredMessage message in due)
        {
            _scheduled.Remove(message);
            MakeAvailable(message, nowUtc);
        }
    }
}
