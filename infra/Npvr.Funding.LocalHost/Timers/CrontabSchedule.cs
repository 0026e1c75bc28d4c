namespace Npvr.Funding.LocalHost.Timers;

/// <summary>
/// An NCRONTAB schedule as Azure Functions' timer trigger uses it: six fields
/// "{second} {minute} {hour} {day} {month} {day-of-week}", in UTC. Fields take "*", numbers, ranges "a-b", lists
/// "a,b", steps "*/n", "a-b/n" and "a/n"; months JAN-DEC and days SUN-SAT by name too; day-of-week 0-6 with
/// 0 = Sunday. As in NCrontab, a day must match both the day field and the day-of-week field.
/// </summary>
public sealed class CrontabSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    // Long enough for any satisfiable schedule (Feb 29 on a given weekday recurs within 28 years), short enough to stop.
    private const int MaxYearsAhead = 100;

    private readonly CrontabField _seconds;
    private readonly CrontabField _minutes;
    private readonly CrontabField _hours;
    private readonly CrontabField _days;
    private readonly CrontabField _months;
    private readonly CrontabField _daysOfWeek;

    private CrontabSchedule(string expression, string[] fields)
    {
        Expression = expression;
        _seconds = CrontabField.Parse(fields[0], "second", 0, 59, null, expression);
        _minutes = CrontabField.Parse(fields[1], "minute", 0, 59, null, expression);
        _hours = CrontabField.Parse(fields[2], "hour", 0, 23, null, expression);
        _days = CrontabField.Parse(fields[3], "day", 1, 31, null, expression);
        _months = CrontabField.Parse(fields[4], "month", 1, 12, MonthNames, expression);
        _daysOfWeek = CrontabField.Parse(fields[5], "day-of-week", 0, 6, DayNames, expression);
        if (!Enumerable.Range(1, 12).Any(month => _months.Contains(month) && Enumerable.Range(1, MaxDay(month)).Any(_days.Contains)))
        {
            throw new FormatException($"NCRONTAB expression \"{expression}\" is invalid: no selected month has a selected day.");
        }
    }

    /// <summary>The expression as given.</summary>
    public string Expression { get; }

    /// <summary>Parses a six-field NCRONTAB expression.</summary>
    /// <exception cref="FormatException">The message names the field and value at fault.</exception>
    public static CrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        string[] fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6
            ? new CrontabSchedule(expression, fields)
            : throw new FormatException(
                $"NCRONTAB expression \"{expression}\" is invalid: expected 6 fields "
                + $"\"{{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}\", found {fields.Length}.");
    }

    /// <inheritdoc/>
    public override string ToString() => Expression;

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC (offset zero).</summary>
    /// <exception cref="InvalidOperationException">No occurrence within 100 years (e.g. Feb 30 never comes).</exception>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        DateTime start = after.UtcDateTime;
        DateTime candidate = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, DateTimeKind.Utc)
            .AddSeconds(1);
        int lastYear = Math.Min(DateTime.MaxValue.Year - 1, start.Year + MaxYearsAhead);

        // Each pass either returns or moves candidate forward to the start of the next month, day, hour, minute or
        // second that could match, so the loop ends within the year bound.
        while (candidate.Year <= lastYear)
        {
            if (!_months.Contains(candidate.Month))
            {
                candidate = new DateTime(candidate.Year, candidate.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!_days.Contains(candidate.Day) || !_daysOfWeek.Contains((int)candidate.DayOfWeek))
            {
                candidate = candidate.Date.AddDays(1);
            }
            else if (!_hours.Contains(candidate.Hour))
            {
                candidate = candidate.Date.AddHours(candidate.Hour + 1);
            }
            else if (!_minutes.Contains(candidate.Minute))
            {
                candidate = candidate.Date.AddHours(candidate.Hour).AddMinutes(candidate.Minute + 1);
            }
            else if (!_seconds.Contains(candidate.Second))
            {
                candidate = candidate.AddSeconds(1);
            }
            else
            {
                return new DateTimeOffset(candidate, TimeSpan.Zero);
            }
        }

        throw new InvalidOperationException(
            $"NCRONTAB expression \"{Expression}\" has no occurrence between {after:O} and the end of {lastYear}.");
    }

    private static int MaxDay(int month) => month == 2 ? 29 : DateTime.DaysInMonth(2001, month);
}
