using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Domain.Tests.Contracts;

/// <summary>Optional fields (receivedOn?, receivedAmount?, effectiveFrom of a request) follow the same wire rules.</summary>
public class NullableValuesJsonTests
{
    private sealed record OptionalAmount(Money? Amount);

    private sealed record OptionalDate(DateOnly? On);

    private sealed record OptionalTimestamp(DateTimeOffset? At);

    [Fact]
    public void Optional_money_is_written_as_a_two_decimal_string() =>
        Assert.Equal("{\"amount\":\"12.50\"}", FundingJson.Serialize(new OptionalAmount(Money.Parse("12.50"))));

    [Fact]
    public void Optional_money_is_read_from_a_two_decimal_string() =>
        Assert.Equal(1_250L, FundingJson.Deserialize<OptionalAmount>("{\"amount\":\"12.50\"}").Amount?.Cents);

    [Fact]
    public void Optional_date_is_written_as_year_month_day() =>
        Assert.Equal("{\"on\":\"2025-03-04\"}", FundingJson.Serialize(new OptionalDate(new DateOnly(2025, 3, 4))));

    [Fact]
    public void Optional_date_is_read_from_year_month_day() =>
        Assert.Equal(new DateOnly(2025, 3, 4), FundingJson.Deserialize<OptionalDate>("{\"on\":\"2025-03-04\"}").On);

    [Fact]
    public void Optional_timestamp_is_written_in_utc_with_a_z() =>
        Assert.Equal("{\"at\":\"2025-03-04T08:00:00.0000000Z\"}",
            FundingJson.Serialize(new OptionalTimestamp(new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(1)))));

    [Fact]
    public void Optional_timestamp_is_read_as_utc()
    {
        var at = FundingJson.Deserialize<OptionalTimestamp>("{\"at\":\"2025-03-04T10:00:00+02:00\"}").At;
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 8, 0, 0, TimeSpan.Zero), at);
        Assert.Equal(TimeSpan.Zero, at?.Offset);
    }

    [Fact]
    public void Null_or_absent_optional_values_stay_null()
    {
        Assert.Null(FundingJson.Deserialize<OptionalAmount>("{\"amount\":null}").Amount);
        Assert.Null(FundingJson.Deserialize<OptionalDate>("{}").On);
        Assert.Null(FundingJson.Deserialize<OptionalTimestamp>("{\"at\":null}").At);
        Assert.Equal("{\"amount\":null}", FundingJson.Serialize(new OptionalAmount(null)));
        Assert.Equal(JTokenType.Null, JObject.Parse(FundingJson.Serialize(new OptionalDate(null)))["on"]!.Type);
    }

    [Theory]
    [InlineData("{\"amount\":12.50}")]
    [InlineData("{\"amount\":\"12.5\"}")]
    public void Malformed_optional_money_is_refused(string json) =>
        Assert.Throws<JsonSerializationException>(() => FundingJson.Deserialize<OptionalAmount>(json));

    [Theory]
    [InlineData("{\"on\":\"04-03-2025\"}")]
    [InlineData("{\"on\":\"2025-03-04T00:00:00\"}")]
    [InlineData("{\"on\":20250304}")]
    public void Malformed_optional_date_is_refused(string json) =>
        Assert.Throws<JsonSerializationException>(() => FundingJson.Deserialize<OptionalDate>(json));
}
