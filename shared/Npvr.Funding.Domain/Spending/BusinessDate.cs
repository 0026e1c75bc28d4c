namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// The business date of the ledger: the calendar date in Europe/Amsterdam. Computed from the EU summer-time rule
/// (since 1996: from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, UTC+2; otherwise
/// UTC+1), so it needs no time-zone database on the host. The app passes its clock's instant; the rules never read one.
/// </summary>
public static class BusinessDate
{
    public static DateOnly InAmsterdam(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var summer = utc >= SwitchAt(utc.Year, 3) && utc < SwitchAt(utc.Year, 10);
        return DateOnly.FromDateTime(utc.AddHours(summer ? 2 : 1));
    }

    /// <summary>01:00 UTC on the last Sunday of the month.</summary>
    private static DateTime SwitchAt(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
