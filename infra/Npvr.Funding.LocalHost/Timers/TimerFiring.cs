namespace Npvr.Funding.LocalHost.Timers;

/// <summary>
/// One run of a timer, with what the Functions TimerInfo carries (Schedule status Last/Next, IsPastDue).
/// </summary>
/// <param name="Name">The name the timer was added with (the function's name).</param>
/// <param name="ScheduledTimeUtc">The occurrence this run is for.</param>
/// <param name="LastScheduledTimeUtc">The previous run's occurrence; null on the first run.</param>
/// <param name="NextScheduledTimeUtc">The occurrence after this one.</param>
/// <param name="IsPastDue">True when the run starts later than <see cref="TimerScheduler.PastDueTolerance"/> after its occurrence.</param>
public sealed record TimerFiring(
    string Name,
    DateTimeOffset ScheduledTimeUtc,
    DateTimeOffset? LastScheduledTimeUtc,
    DateTimeOffset NextScheduledTimeUtc,
    bool IsPastDue);
