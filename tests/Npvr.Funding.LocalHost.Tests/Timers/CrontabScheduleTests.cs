using System.Globalization;
using Npvr.Funding.LocalHost.Timers;

namespace Npvr.Funding.LocalHost.Tests.Timers;

public sealed class CrontabScheduleTests
{
    [Theory]
    [InlineData("0 */5 * * * *", "2026-01-05T09:02:30Z", "2026-01-05T09:05:00Z")]
    [InlineData("0 0 * * * *", "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z")]
    [InlineData("*/15 * * * * *", "2026-01-05T09:00:14.500Z", "2026-01-05T09:00:15Z")]
    [InlineData("5/20 * * * * *", "2026-01-05T09:00:45Z", "2026-01-05T09:01:05Z")]
    [InlineData("0 15,45 8-10/2 * * *", "2026-01-05T08:45:00Z", "2026-01-05T10:15:00Z")]
    [InlineData("0 30 9 * * MON-FRI", "2026-01-10T00:00:00Z", "2026-01-12T09:30:00Z")]
    [InlineData("0 0 0 * * 0", "2026-01-05T00:00:00Z", "2026-01-11T00:00:00Z")]
    [InlineData("0 0 12 1 JAN,jul *", "2026-01-01T12:00:00Z", "2026-07-01T12:00:00Z")]
    [InlineData("0 0 0 1 1 *", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 13 * FRI", "2026-01-01T00:00:00Z", "2026-02-13T00:00:00Z")]
    [InlineData("0 */5 * * * *", "2026-01-05T10:02:30+01:00", "2026-01-05T09:05:00Z")]
    public void Next_occurrence_is_the_first_match_strictly_after_the_given_time(string expression, string after, string expected)
    {
        CrontabSchedule schedule = CrontabSchedule.Parse(expression);

        DateTimeOffset next = schedule.GetNextOccurrence(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void Consecutive_occurrences_of_every_five_minutes_are_five_minutes_apart()
    {
        CrontabSchedule schedule = CrontabSchedule.Parse("0 */5 * * * *");
        var occurrences = new List<DateTimeOffset> { schedule.GetNextOccurrence(new DateTimeOffset(2026, 1, 5, 23, 50, 0, TimeSpan.Zero)) };
        for (int i = 0; i < 4; i++)
        {
            occurrences.Add(schedule.GetNextOccurrence(occurrences[^1]));
        }

        Assert.Equal(
            ["23:55", "00:00", "00:05", "00:10", "00:15"],
            occurrences.Select(o => o.ToString("HH:mm", CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0 */5 * * *", "expected 6 fields")]
    [InlineData("", "expected 6 fields")]
    [InlineData("60 * * * * *", "second field")]
    [InlineData("0 61 * * * *", "minute field \"61\" has value 61, outside 0-59")]
    [InlineData("0 0 24 * * *", "hour field")]
    [InlineData("0 0 0 0 * *", "day field")]
    [InlineData("0 0 0 * 13 *", "month field")]
    [InlineData("0 0 0 * * 7", "day-of-week field")]
    [InlineData("0 0 0 * * FUNDAY", "day-of-week field \"FUNDAY\"")]
    [InlineData("0 */0 * * * *", "invalid step \"0\"")]
    [InlineData("0 5-1 * * * *", "start is after its end")]
    [InlineData("0 1,,2 * * * *", "empty list item")]
    [InlineData("0 1/2/3 * * * *", "more than one '/'")]
    [InlineData("0 0 0 31 2 *", "no selected month has a selected day")]
    public void Invalid_expression_is_rejected_with_a_message_naming_the_field(string expression, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CrontabSchedule.Parse(expression));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{expression}\"", error.Message, StringComparison.Ordinal);
    }
}
