using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Domain.Spending;

namespace Npvr.Funding.Domain.Tests.Spending;

public class BusinessDateTests
{
    [Theory]
    [InlineData("2025-12-31T22:59:59Z", "2025-12-31")]
    [InlineData("2025-12-31T23:00:00Z", "2026-01-01")]
    [InlineData("2025-06-30T21:59:59Z", "2025-06-30")]
    [InlineData("2025-06-30T22:00:00Z", "2025-07-01")]
    [InlineData("2025-03-30T00:59:59Z", "2025-03-30")] // summer time starts at 01:00 UTC on the last Sunday of March
    [InlineData("2025-10-25T21:59:59Z", "2025-10-25")]
    [InlineData("2025-10-25T22:00:00Z", "2025-10-26")]
    [InlineData("2025-10-26T22:59:59Z", "2025-10-26")] // winter time again from 01:00 UTC on the last Sunday of October
    [InlineData("2025-10-26T23:00:00Z", "2025-10-27")]
    public void The_business_date_is_the_date_in_Amsterdam(string instant, string date) =>
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            BusinessDate.InAmsterdam(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Property(MaxTest = 500)]
    public Property It_agrees_with_the_time_zone_database_from_2000_to_2037() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Select(s => new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(s % (38L * 365 * 86400)))),
            instant =>
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
                return BusinessDate.InAmsterdam(instant) == DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
            });
}
