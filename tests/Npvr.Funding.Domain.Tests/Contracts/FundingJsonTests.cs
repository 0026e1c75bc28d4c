using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;

namespace Npvr.Funding.Domain.Tests.Contracts;

public class FundingJsonTests
{
    private static readonly AllocationDetermined Allocation = new(
        "npvr", 2025, "achterhoek", Money.Parse("350000.00"), Money.Parse("8677.69"), Money.Parse("341322.31"), Money.Parse("8677.69"), 1);

    private static readonly KassierDesignated Designated = new(
        "achterhoek", "GM0222", "Doetinchem", "gemeente", new DateOnly(2025, 3, 4), null,
        new DateTimeOffset(2025, 3, 4, 9, 30, 15, TimeSpan.FromHours(1)), "coordinator-1");

    [Fact]
    public void Money_is_written_as_a_string_with_two_decimals()
    {
        var json = JObject.Parse(FundingJson.Serialize(Allocation));
        Assert.Equal(JTokenType.String, json["gross"]!.Type);
        Assert.Equal("350000.00", (string?)json["gross"]);
        Assert.Equal("341322.31", (string?)json["netDu"]);
        Assert.Equal("8677.69", (string?)json["compensableVatEstimate"]);
    }

    [Fact]
    public void Money_written_and_read_back_is_the_same_amount()
    {
        var back = FundingJson.Deserialize<AllocationDetermined>(FundingJson.Serialize(Allocation));
        Assert.Equal(34_132_231L, back.NetDu.Cents);
        Assert.Equal(Allocation, back);
    }

    [Theory]
    [InlineData("350000.00")]
    [InlineData("350000")]
    [InlineData("3.5e5")]
    public void Json_number_where_money_is_expected_is_refused(string number)
    {
        var json = FundingJson.Serialize(Allocation).Replace("\"gross\":\"350000.00\"", $"\"gross\":{number}", StringComparison.Ordinal);
        Assert.Contains($"\"gross\":{number}", json, StringComparison.Ordinal);
        Assert.Throws<JsonSerializationException>(() => FundingJson.Deserialize<AllocationDetermined>(json));
    }

    [Theory]
    [InlineData("350000.000")]
    [InlineData("350000")]
    [InlineData("1e5")]
    public void Money_string_without_exactly_two_decimals_is_refused(string text)
    {
        var json = FundingJson.Serialize(Allocation).Replace("\"gross\":\"350000.00\"", $"\"gross\":\"{text}\"", StringComparison.Ordinal);
        Assert.Throws<JsonSerializationException>(() => FundingJson.Deserialize<AllocationDetermined>(json));
    }

    [Fact]
    public void Date_is_written_as_year_month_day() =>
        Assert.Equal("2025-03-04", (string?)JObject.Parse(FundingJson.Serialize(Designated))["effectiveFrom"]);

    [Fact]
    public void Timestamp_is_written_in_utc_with_a_z()
    {
        var text = FundingJson.Serialize(Designated);
        Assert.Contains("\"designatedAt\":\"2025-03-04T08:30:15.0000000Z\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Timestamp_with_an_offset_is_read_as_the_same_instant_in_utc()
    {
        var json = FundingJson.Serialize(Designated).Replace("2025-03-04T08:30:15.0000000Z", "2025-03-04T10:30:15+02:00", StringComparison.Ordinal);
        var back = FundingJson.Deserialize<KassierDesignated>(json);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 8, 30, 15, TimeSpan.Zero), back.DesignatedAt);
        Assert.Equal(TimeSpan.Zero, back.DesignatedAt.Offset);
    }

    [Theory]
    [InlineData("04-03-2025")]
    [InlineData("2025-3-4")]
    [InlineData("2025-03-04T00:00:00")]
    public void Date_in_another_format_is_refused(string text)
    {
        var json = FundingJson.Serialize(Designated).Replace("\"2025-03-04\"", $"\"{text}\"", StringComparison.Ordinal);
        Assert.Throws<JsonSerializationException>(() => FundingJson.Deserialize<KassierDesignated>(json));
    }

    [Fact]
    public void Property_names_are_camel_case() =>
        Assert.Equal(
            ["regionId", "organisationCode", "organisationName", "organisationKind", "effectiveFrom", "contactEmail", "designatedAt", "designatedBy"],
            JObject.Parse(FundingJson.Serialize(Designated)).Properties().Select(p => p.Name));

    [Fact]
    public void Parse_keeps_iso_strings_as_strings_and_decimals_exact()
    {
        var token = FundingJson.Parse("{\"at\":\"2025-03-04T08:30:15Z\",\"n\":0.10}");
        Assert.Equal(JTokenType.String, token["at"]!.Type);
        Assert.Equal("2025-03-04T08:30:15Z", (string?)token["at"]);
        Assert.Equal(0.10m, (decimal)token["n"]!);
        Assert.Equal("0.10", token["n"]!.ToString(Formatting.None));
    }

    [Fact]
    public void Parse_refuses_content_after_the_value() =>
        Assert.ThrowsAny<JsonException>(() => FundingJson.Parse("{} {}"));
}
