namespace Npvr.Funding.LocalHost.Broker;

/// <summary>What time does to one entity: scheduled messages appear, fault holds start and end, the next wake-up.</summary>
internal sealed partial class MessageEntity
{
    /// <summary>The earliest future time at which time alone changes this entity, or null.</summary>
    public DateTimeOffset? NextWakeUtc(DateTimeOffset nowUtc)
    {
        DateTimeOffset wake = _nextExpiryUtc;
        foreach (StoredMessage message in _scheduled)
        {
            wake = Min(wake, message.EnqueuedTimeUtc);
        }

        foreach (StoredMessage message in _locked.Values)
        {
            wake = Min(wake, message.LockedUntilUtc);
        }

        if (_available.Count > 0)
        {
            wake = Min(wake, Faults.ReorderHoldUntilUtc ?? DateTimeOffset.MaxValue);
            wake = Min(wake, _available.First!.Value.NotBeforeUtc ?? DateTimeOffset.MaxValue);
        }

        if (DeadLetterQueue?.NextWakeUtc(nowUtc) is { } deadLetterWake)
        {
            wake = Min(wake, deadLetterWake);
        }

        // Times already reached were applied by Advance, or are a hold's end that TakeEndedHold announces.
        return wake > nowUtc && wake != DateTimeOffset.MaxValue ? wake : null;
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
