using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class RecordSpendingTests
{
    [Fact]
    public void A_valid_entry_is_recorded_for_the_region_with_its_text_trimmed()
    {
        var id = Guid.NewGuid();
        var entry = SpendingEntries.Record(Valid(id) with { Counterparty = "  Adviesbureau Oost B.V. ", InvoiceReference = "  " }, Context()).ValueOrThrow();

        Assert.Equal(id, entry.EntryId);
        Assert.Equal("achterhoek", entry.RegionId);
        Assert.Equal(SpendingCategory.ProcessGuidance, entry.Category);
        Assert.Equal("Adviesbureau Oost B.V.", entry.Counterparty);
        Assert.Null(entry.InvoiceReference);
        Assert.Equal("1210.00", entry.Amount.ToString());
        Assert.False(entry.IsReversal);
    }

    public static TheoryData<string, Func<RecordSpending, RecordSpending>, string, string> Refusals() => new()
    {
        { "entryId", c => c with { EntryId = null }, "entry-id-required", "entryId" },
        { "entryId", c => c with { EntryId = "12345" }, "entry-id-invalid", "entryId" },
        { "entryId", c => c with { EntryId = Guid.Empty.ToString() }, "entry-id-invalid", "entryId" },
        { "programmeId", c => c with { ProgrammeId = null }, "programme-id-required", "programmeId" },
        { "programmeId", c => c with { ProgrammeId = "spuk-wonen" }, "programme-not-for-region", "programmeId" },
        { "bookedOn", c => c with { BookedOn = null }, "booked-on-required", "bookedOn" },
        { "bookedOn", c => c with { BookedOn = Today.AddDays(1) }, "booked-on-in-future", "bookedOn" },
        { "bookedOn", c => c with { BookedOn = new DateOnly(2024, 12, 31) }, "booked-on-before-programme", "bookedOn" },
        { "amount", c => c with { Amount = null }, "amount-required", "amount" },
        { "amount", c => c with { Amount = Money.Zero }, "amount-not-positive", "amount" },
        { "amount", c => c with { Amount = Money.Parse("-1.00") }, "amount-not-positive", "amount" },
        { "amount", c => c with { Amount = Money.Parse("1000000000.01") }, "amount-too-large", "amount" },
        { "vat", c => c with { Vat = null }, "vat-required", "vat" },
        { "vat", c => c with { Vat = Money.Parse("-0.01") }, "vat-negative", "vat" },
        { "vat", c => c with { Vat = Money.Parse("1210.01") }, "vat-exceeds-amount", "vat" },
        { "compensableVat", c => c with { CompensableVat = null }, "compensable-vat-required", "compensableVat" },
        { "compensableVat", c => c with { CompensableVat = Money.Parse("-0.01") }, "compensable-vat-negative", "compensableVat" },
        { "compensableVat", c => c with { CompensableVat = Money.Parse("210.01") }, "compensable-vat-exceeds-vat", "compensableVat" },
        { "category", c => c with { Category = null }, "category-required", "category" },
        { "category", c => c with { Category = "Personnel" }, "category-unknown", "category" },
        { "category", c => c with { Category = "travel" }, "category-unknown", "category" },
        { "counterparty", c => c with { Counterparty = " " }, "counterparty-required", "counterparty" },
        { "counterparty", c => c with { Counterparty = new string('x', 201) }, "counterparty-too-long", "counterparty" },
        { "counterparty", c => c with { Counterparty = "Oost\nB.V." }, "counterparty-invalid-characters", "counterparty" },
        { "counterparty", c => c with { Counterparty = "Oost \u0007" + "B.V." }, "counterparty-invalid-characters", "counterparty" },
        { "counterparty", c => c with { Counterparty = "Oost \ud800 B.V." }, "counterparty-invalid-characters", "counterparty" },
        { "invoiceReference", c => c with { InvoiceReference = new string('1', 101) }, "invoice-reference-too-long", "invoiceReference" },
        { "invoiceReference", c => c with { InvoiceReference = "INV\t1" }, "invoice-reference-invalid-characters", "invoiceReference" },
        { "description", c => c with { Description = null }, "description-required", "description" },
        { "description", c => c with { Description = new string('d', 1001) }, "description-too-long", "description" },
        { "description", c => c with { Description = "begeleiding \udc00" }, "description-invalid-characters", "description" },
        { "description", c => c with { Description = "mangled \uFFFD text" }, "description-invalid-characters", "description" },
        { "description", c => c with { Description = "bell \u0007" }, "description-invalid-characters", "description" },
        { "onwardTransferTo", c => c with { OnwardTransferTo = new OnwardTransferInput("Wgr Achterhoek", null) }, "onward-transfer-not-allowed", "onwardTransferTo" },
        { "onwardTransferTo", c => c with { Category = "onward-transfer" }, "onward-transfer-required", "onwardTransferTo" },
        { "onwardTransferTo.name", c => c with { Category = "onward-transfer", OnwardTransferTo = new OnwardTransferInput(null, "12345678") }, "onward-transfer-name-required", "onwardTransferTo.name" },
        { "onwardTransferTo.name", c => c with { Category = "onward-transfer", OnwardTransferTo = new OnwardTransferInput(new string('n', 201), null) }, "onward-transfer-name-too-long", "onwardTransferTo.name" },
        { "onwardTransferTo.kvkNumber", c => c with { Category = "onward-transfer", OnwardTransferTo = new OnwardTransferInput("Wgr", "1234567") }, "kvk-number-invalid", "onwardTransferTo.kvkNumber" },
        { "onwardTransferTo.kvkNumber", c => c with { Category = "onward-transfer", OnwardTransferTo = new OnwardTransferInput("Wgr", "1234567a") }, "kvk-number-invalid", "onwardTransferTo.kvkNumber" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_rule_refuses_as_invalid_naming_the_field(string rule, Func<RecordSpending, RecordSpending> breakIt, string type, string field)
    {
        var result = SpendingEntries.Record(breakIt(Valid()), Context());

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, type, ErrorKind.Invalid), (error.Field, error.Type, error.Error.Kind));
        Assert.Contains(field, error.Detail, StringComparison.Ordinal);
        Assert.False(result.IsValid, rule);
        var thrown = Assert.Throws<DomainException>(result.ValueOrThrow);
        Assert.Equal(type, thrown.Error.Type);
    }

    [Fact]
    public void Text_at_its_length_limit_is_accepted_and_lengths_count_code_points()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 200));
        var entry = Recorded(Valid() with { Counterparty = emoji, Description = new string('d', 1000), InvoiceReference = new string('1', 100) });

        Assert.Equal(400, entry.Counterparty.Length);
    }

    [Fact]
    public void A_description_may_span_lines()
    {
        var entry = Recorded(Valid() with { Description = "regel een\r\nregel twee\tmet tab" });

        Assert.Equal("regel een\r\nregel twee\tmet tab", entry.Description);
    }

    [Fact]
    public void Booked_today_and_on_the_first_of_January_of_the_first_year_are_accepted()
    {
        Assert.Equal(Today, Recorded(Valid() with { BookedOn = Today }).BookedOn);
        Assert.Equal(new DateOnly(2025, 1, 1), Recorded(Valid() with { BookedOn = new DateOnly(2025, 1, 1) }).BookedOn);
    }

    [Fact]
    public void Vat_may_equal_the_amount_and_compensable_vat_the_vat_or_zero()
    {
        Recorded(Valid() with { Vat = Money.Parse("1210.00"), CompensableVat = Money.Parse("1210.00") });
        Recorded(Valid() with { Vat = Money.Zero, CompensableVat = Money.Zero, Category = "personnel" });
    }

    [Fact]
    public void An_onward_transfer_needs_a_name_and_takes_an_optional_kvk_number()
    {
        Assert.Equal(new OnwardTransfer("Regio Achterhoek (Wgr)", "12345678"), Recorded(OnwardTransfer()).OnwardTransferTo);
        Assert.Equal(new OnwardTransfer("Regio Achterhoek (Wgr)", null),
            Recorded(OnwardTransfer() with { OnwardTransferTo = new OnwardTransferInput("Regio Achterhoek (Wgr)", " ") }).OnwardTransferTo);
    }

    [Fact]
    public void An_empty_onward_transfer_is_no_onward_transfer()
    {
        var entry = Recorded(Valid() with { OnwardTransferTo = new OnwardTransferInput("", null) });

        Assert.Null(entry.OnwardTransferTo);
    }

    [Fact]
    public void A_booked_year_that_is_closed_is_a_conflict()
    {
        var result = SpendingEntries.Record(Valid(), Context(closedNpvrYears: 2025));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("bookedOn", "year-closed", ErrorKind.Conflict), (error.Field, error.Type, error.Error.Kind));
        Assert.True(SpendingEntries.Record(Valid() with { BookedOn = new DateOnly(2026, 1, 2) }, Context(closedNpvrYears: 2025)).IsValid);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_invalid_before_conflict()
    {
        var command = Valid() with
        {
            EntryId = "nope",
            Amount = Money.Parse("-5.00"),
            Vat = Money.Parse("-1.00"),
            Category = "onward-transfer",
            Description = "",
        };

        var result = SpendingEntries.Record(command, Context(closedNpvrYears: 2025));

        Assert.Equal(
            ["entry-id-invalid", "amount-not-positive", "vat-negative", "description-required", "onward-transfer-required", "year-closed"],
            result.Errors.Select(e => e.Type));
        Assert.Equal("entry-id-invalid", Assert.Throws<DomainException>(result.ValueOrThrow).Error.Type);
    }

    [Fact]
    public void Vat_is_compared_with_the_amount_only_when_the_amount_is_valid()
    {
        var result = SpendingEntries.Record(Valid() with { Amount = Money.Parse("-5.00") }, Context());

        Assert.Equal(["amount-not-positive"], result.Errors.Select(e => e.Type));
    }

    [Fact]
    public void The_json_body_deserialises_into_the_command()
    {
        var json = """
            {"entryId":"3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f","programmeId":"npvr-procesmiddelen","bookedOn":"2025-06-30",
             "amount":"1210.00","vat":"210.00","compensableVat":"0.00","category":"onward-transfer","counterparty":"Gemeente Doetinchem",
             "description":"Doorbetaling","onwardTransferTo":{"name":"Regio Achterhoek","kvkNumber":"12345678"}}
            """;

        var command = FundingJson.Deserialize<RecordSpending>(json);
        var entry = Recorded(command);

        Assert.Equal(Guid.Parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"), entry.EntryId);
        Assert.Equal(SpendingCategory.OnwardTransfer, entry.Category);
        Assert.Equal(new OnwardTransfer("Regio Achterhoek", "12345678"), entry.OnwardTransferTo);
        Assert.Null(entry.InvoiceReference);
    }
}
