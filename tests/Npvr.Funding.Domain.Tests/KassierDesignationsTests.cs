using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Domain.Tests;

public class KassierDesignationsTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 20, 9, 30, 0, TimeSpan.Zero);

    private static DesignateKassier Command(string region = "achterhoek", string? code = "GM0222", DateOnly? from = null, string? name = "Doetinchem", string? email = null) =>
        new(region, code, name, from ?? new DateOnly(2025, 1, 1), email);

    private static Designation Made(string code, DateOnly from) =>
        KassierDesignations.Designate([], Command(code: code, from: from), Now, "coordinator-1");

    private static DomainError Refusal(IReadOnlyList<Designation> history, DesignateKassier command) =>
        Assert.Throws<DomainException>(() => KassierDesignations.Designate(history, command, Now, "coordinator-1")).Error;

    [Fact]
    public void First_designation_is_accepted_with_all_its_fields()
    {
        var designation = KassierDesignations.Designate([], Command(name: "  Doetinchem ", email: "kassier@doetinchem.nl"), Now, "coordinator-1");
        Assert.Equal("achterhoek", designation.RegionId);
        Assert.Equal("GM0222", designation.Organisation.Value);
        Assert.Equal(OrganisationKind.Gemeente, designation.Organisation.Kind);
        Assert.Equal("Doetinchem", designation.OrganisationName);
        Assert.Equal(new DateOnly(2025, 1, 1), designation.EffectiveFrom);
        Assert.Equal("kassier@doetinchem.nl", designation.ContactEmail);
        Assert.Equal(Now, designation.DesignatedAt);
        Assert.Equal("coordinator-1", designation.DesignatedBy);
    }

    [Fact]
    public void Unknown_region_is_not_found()
    {
        var error = Refusal([], Command(region: "utrecht"));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("region-not-found", error.Type);
    }

    [Theory]
    [InlineData("GM222")]
    [InlineData("gm0222")]
    [InlineData(null)]
    public void Malformed_organisation_code_is_invalid(string? code)
    {
        var error = Refusal([], Command(code: code));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("organisation-code-invalid", error.Type);
    }

    [Theory]
    [InlineData(null, "organisation-name-invalid")]
    [InlineData("   ", "organisation-name-invalid")]
    public void Missing_organisation_name_is_invalid(string? name, string type) =>
        Assert.Equal(type, Refusal([], Command(name: name)).Type);

    [Fact]
    public void Missing_effective_from_is_invalid() =>
        Assert.Equal("effective-from-required", Refusal([], new DesignateKassier("achterhoek", "GM0222", "Doetinchem", null, null)).Type);

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@doetinchem.nl")]
    [InlineData("kassier@")]
    [InlineData("kas sier@doetinchem.nl")]
    public void Malformed_contact_email_is_invalid(string email) =>
        Assert.Equal("contact-email-invalid", Refusal([], Command(email: email)).Type);

    [Fact]
    public void Effective_from_before_the_latest_designation_is_invalid()
    {
        Designation[] history = [Made("GM0222", new DateOnly(2025, 1, 1)), Made("PV25", new DateOnly(2025, 6, 1))];
        var error = Refusal(history, Command(from: new DateOnly(2025, 5, 31)));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("effective-from-before-current", error.Type);
    }

    [Theory]
    [InlineData(2025, 6, 1)]
    [InlineData(2025, 6, 2)]
    [InlineData(2027, 1, 1)]
    public void Effective_from_on_or_after_the_latest_designation_is_accepted(int year, int month, int day)
    {
        Designation[] history = [Made("GM0222", new DateOnly(2025, 1, 1)), Made("PV25", new DateOnly(2025, 6, 1))];
        var designation = KassierDesignations.Designate(history, Command(code: "GM1859", from: new DateOnly(year, month, day)), Now, "c");
        Assert.Equal("GM1859", designation.Organisation.Value);
        Assert.Equal(new DateOnly(year, month, day), designation.EffectiveFrom);
    }

    [Theory]
    [InlineData("2024-12-31", null)]
    [InlineData("2025-01-01", "GM0222")]
    [InlineData("2025-05-31", "GM0222")]
    [InlineData("2025-06-01", "PV25")]
    [InlineData("2030-01-01", "PV25")]
    public void Designation_in_force_is_the_latest_whose_date_has_come(string date, string? expectedCode)
    {
        Designation[] history = [Made("GM0222", new DateOnly(2025, 1, 1)), Made("PV25", new DateOnly(2025, 6, 1))];
        var inForce = KassierDesignations.InForceOn(history, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expectedCode, inForce?.Organisation.Value);
    }

    [Fact]
    public void Of_two_designations_from_the_same_date_the_later_made_is_in_force()
    {
        Designation[] history = [Made("GM0222", new DateOnly(2025, 1, 1)), Made("GM1859", new DateOnly(2025, 1, 1))];
        Assert.Equal("GM1859", KassierDesignations.InForceOn(history, new DateOnly(2025, 1, 1))?.Organisation.Value);
    }

    [Fact]
    public void No_designation_is_in_force_without_history() =>
        Assert.Null(KassierDesignations.InForceOn([], new DateOnly(2025, 1, 1)));

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2027-01-21")]
    [InlineData("2019-12-31")]
    [InlineData("0001-01-01")]
    public void An_effective_date_outside_the_window_is_refused_so_a_typo_cannot_block_succession(string from)
    {
        var error = Refusal([], Command(from: DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("effective-from-out-of-range", error.Type);
    }

    [Fact]
    public void Two_years_ahead_in_Amsterdam_is_the_last_date_allowed() =>
        Assert.Equal(new DateOnly(2027, 1, 20), Made("GM0222", new DateOnly(2027, 1, 20)).EffectiveFrom);

    [Theory]
    [InlineData("Doetinchem\u0000")]
    [InlineData("Doe\u0007tinchem")]
    [InlineData("Doetinchem\ud800")]
    [InlineData("Doetinchem\ufffd")]
    [InlineData("Doe\ntinchem")]
    public void A_name_with_control_characters_or_lone_surrogates_is_refused(string escaped)
    {
        var name = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Equal("organisation-name-invalid", Refusal([], Command(name: name)).Type);
    }

    [Theory]
    [InlineData("kassier@doetinchem.nl\u0000")]
    [InlineData("kassier@@doetinchem.nl")]
    [InlineData("kässier@doetinchem.nl")]
    [InlineData("<script>@x.nl")]
    public void An_email_that_is_not_plain_ASCII_with_one_at_sign_is_refused(string escaped)
    {
        var email = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Equal("contact-email-invalid", Refusal([], Command(email: email)).Type);
    }

    [Fact]
    public void A_name_with_a_proper_surrogate_pair_passes() =>
        Assert.Equal("Gemeente 🇳🇱", KassierDesignations.Designate([], Command(name: "Gemeente 🇳🇱"), Now, "c").OrganisationName);
}
