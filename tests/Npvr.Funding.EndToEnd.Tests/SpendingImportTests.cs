using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.EndToEnd.Tests.Support;
using static Npvr.Funding.EndToEnd.Tests.Support.DisbursementWorld;
using static Npvr.Funding.EndToEnd.Tests.Support.SpendingSetup;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>Issue 8, point 3 and the export of point 4: CSV files in and out.</summary>
public sealed class SpendingImportTests(SpendingWorld world) : IClassFixture<SpendingWorld>
{
    private TestSystem System => world.System;

    [Fact]
    public async Task A_file_with_3_bad_lines_among_1000_reports_exactly_those_lines_and_writes_nothing_and_the_corrected_file_imports_all_1000()
    {
        var programme = await world.ProgrammeAsync("achterhoek");
        var rows = CsvText.Generated(programme, 1000);
        var bad = rows.Select(r => (string?[])r.Clone()).ToList();
        bad[16][3] = "12,10";          // line 18: a decimal comma
        bad[499][6] = "travel";        // line 501: no such category
        bad[998][4] = "999999.00";     // line 1000: vat above the amount

        var refused = await System.Api.PostCsvAsync($"{SpendingPath("achterhoek")}/import", KassierOf("achterhoek"), CsvText.Of(bad));
        await System.IdleAsync();

        Assert.True(refused.Status == HttpStatusCode.BadRequest && refused.MediaType == "application/problem+json", refused.ToString());
        Assert.Equal("csv-rejected", (string?)refused.Json["type"]);
        Assert.Equal(3, (int)refused.Json["badLines"]!);
        Assert.Equal([18L, 501L, 1000L], refused.Json["errors"]!.Select(e => (long)e["line"]!).Distinct());
        Assert.Equal(["amount", "category", "vat"], refused.Json["errors"]!.Select(e => (string)e["column"]!));
        Assert.Empty(await ListAsync(System, "achterhoek", $"programmeId={programme}"));

        var job = await ImportAsync(System, "achterhoek", CsvText.Of(rows));

        Assert.Equal(("completed", 1000, 1000, 0), ((string?)job["status"], (int)job["records"]!, (int)job["written"]!, (int)job["alreadyRecorded"]!));
        var listed = await ListAsync(System, "achterhoek", $"programmeId={programme}");
        Assert.Equal(rows.Select(r => r[0]).Order(StringComparer.Ordinal), listed.Select(e => (string?)e["entryId"]).Order(StringComparer.Ordinal));
        Assert.Equal(1000, Journaled(await WholeJournalAsync(System, "achterhoek"), "SpendingRecorded", rows.Select(r => r[0]!).ToHashSet()));
        await VerifyAsync(System, "achterhoek");
    }

    [Fact]
    public async Task Semicolon_and_comma_files_with_quoted_fields_import_identically()
    {
        var programme = await world.ProgrammeAsync("twente", "zuid-limburg");
        List<string?[]> rows =
        [
            CsvText.Row(programme, Guid.NewGuid(), "2025-03-14", "24200.00", "4200.00", "4200.00", "process-guidance", "Bureau \"De Brug\", Twente; Oost",
                "Werkateliers\r\nronde 1; \"kick-off\"", "F;2025,0042"),
            CsvText.Row(programme, Guid.NewGuid(), "2025-04-01", "100000.00", "0.00", "0.00", "onward-transfer", "Regio Twente", "Doorbetaling uitvoeringsagenda",
                null, "Regio Twente (Wgr), \"uitvoering\"", "12345678"),
            CsvText.Row(programme, Guid.NewGuid(), "2025-05-05", "1815.00", "315.00", "300.00", "participation", "Noard-Fryslân Events", "Bewonersavond à la carte"),
        ];

        var comma = await ImportAsync(System, "twente", CsvText.Of(rows, ','));
        var semicolon = await ImportAsync(System, "zuid-limburg", "\uFEFF" + CsvText.Of(rows, ';'));

        Assert.Equal(("completed", 3), ((string?)comma["status"], (int)comma["written"]!));
        Assert.Equal(("completed", 3), ((string?)semicolon["status"], (int)semicolon["written"]!));
        var fromComma = await ListAsync(System, "twente", $"programmeId={programme}");
        var fromSemicolon = await ListAsync(System, "zuid-limburg", $"programmeId={programme}");
        Assert.Equal(fromComma.Select(Comparable), fromSemicolon.Select(Comparable));
        Assert.Equal("Werkateliers\r\nronde 1; \"kick-off\"", (string?)fromComma.Single(e => (string?)e["category"] == "process-guidance")["description"]);
        Assert.Equal("Regio Twente (Wgr), \"uitvoering\"", (string?)fromComma.Single(e => (string?)e["category"] == "onward-transfer")["onwardTransferTo"]!["name"]);
        Assert.Equal(await ExportAsync(System, "twente", $"programmeId={programme}"), await ExportAsync(System, "zuid-limburg", $"programmeId={programme}"));
    }

    [Fact]
    public async Task An_export_re_imports_into_an_empty_region_unchanged()
    {
        var programme = await world.ProgrammeAsync("achterhoek", "noord-limburg");
        var onward = Entry(programme, "2025-04-01", "100000.00", "0.00", "0.00", "onward-transfer");
        onward["onwardTransferTo"] = new JObject { ["name"] = "Regio Achterhoek, \"Wgr\"", ["kvkNumber"] = "12345678" };
        onward["description"] = "Doorbetaling\nuitvoeringsagenda 2025";
        onward["invoiceReference"] = null;
        var entries = new[] { onward, Entry(programme, "2025-03-14"), Entry(programme, "2026-01-20", "70000.00", "0.00", "0.00", "personnel") };
        foreach (var entry in entries) await RecordAsync(System, "achterhoek", entry);
        var reversed = await System.Api.PostAsync($"{SpendingPath("achterhoek")}/{entries[1]["entryId"]}/reversal", KassierOf("achterhoek"), new { reason = "Factuur; \"dubbel\"" });
        await ImportAsync(System, "achterhoek", CsvText.Of([CsvText.Row(programme, Guid.NewGuid(), "2025-12-31", "605.00", "105.00", "105.00", "research", "Onderzoeksbureau", "Nulmeting")]));
        Assert.Equal(HttpStatusCode.Created, reversed.Status);

        var exported = await ExportAsync(System, "achterhoek", $"programmeId={programme}");
        var job = await ImportAsync(System, "noord-limburg", exported);
        var reExported = await ExportAsync(System, "noord-limburg", $"programmeId={programme}");

        Assert.Equal(("completed", 5), ((string?)job["status"], (int)job["written"]!));
        Assert.Equal(5, exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1); // records end in CRLF; the LF inside a field does not
        Assert.Equal(exported, reExported);
        Assert.StartsWith("entryId,programmeId,bookedOn,amount,vat,compensableVat,category,counterparty,invoiceReference,description,onwardTransferName,onwardTransferKvk,reversesEntryId,reason\r\n", exported, StringComparison.Ordinal);
        var journal = await WholeJournalAsync(System, "noord-limburg");
        Assert.Equal(1, Journaled(journal, "SpendingReversed", new HashSet<string> { (string)reversed.Json["entryId"]! }));
        await VerifyAsync(System, "noord-limburg");
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing_and_an_overlapping_file_writes_only_what_is_new()
    {
        var programme = await world.ProgrammeAsync("zeeuws-vlaanderen");
        var rows = CsvText.Generated(programme, 10);
        var first = await ImportAsync(System, "zeeuws-vlaanderen", CsvText.Of(rows));
        var journal = (await WholeJournalAsync(System, "zeeuws-vlaanderen")).Count;

        var again = await System.Api.PostCsvAsync($"{SpendingPath("zeeuws-vlaanderen")}/import", KassierOf("zeeuws-vlaanderen"), CsvText.Of(rows));
        await System.IdleAsync();
        var journalAfterAgain = (await WholeJournalAsync(System, "zeeuws-vlaanderen")).Count;
        var overlapping = await ImportAsync(System, "zeeuws-vlaanderen", CsvText.Of([.. rows, .. CsvText.Generated(programme, 1)], ';'));

        Assert.Equal(("completed", 10), ((string?)first["status"], (int)first["written"]!));
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.Equal(((string?)first["importId"], "completed", 10), ((string?)again.Json["importId"], (string?)again.Json["status"], (int)again.Json["written"]!));
        Assert.Equal(journal, journalAfterAgain);
        Assert.Equal(("completed", 1, 10), ((string?)overlapping["status"], (int)overlapping["written"]!, (int)overlapping["alreadyRecorded"]!));
        Assert.Equal(11, (await ListAsync(System, "zeeuws-vlaanderen", $"programmeId={programme}")).Count);
        Assert.Equal(journal + 1, (await WholeJournalAsync(System, "zeeuws-vlaanderen")).Count);
    }

    [Fact]
    public async Task An_entry_id_taken_by_another_entry_rejects_the_job_with_that_line_and_nothing_is_written()
    {
        var programme = await world.ProgrammeAsync("midden-limburg");
        var taken = await RecordAsync(System, "midden-limburg", Entry(programme));
        var rows = CsvText.Generated(programme, 5);
        rows[2][0] = (string)taken["entryId"]!;

        var job = await ImportAsync(System, "midden-limburg", CsvText.Of(rows));

        Assert.Equal(("rejected", 1, 0), ((string?)job["status"], (int)job["badLines"]!, (int)job["written"]!));
        var error = Assert.Single((JArray)job["errors"]!);
        Assert.Equal((4L, "entryId", "entry-id-reused"), ((long)error["line"]!, (string?)error["column"], (string?)error["type"]));
        Assert.Equal([(string)taken["entryId"]!], (await ListAsync(System, "midden-limburg", $"programmeId={programme}")).Select(e => (string)e["entryId"]!));
    }

    [Fact]
    public async Task A_reversal_row_of_a_stored_entry_imports_once_and_another_reason_is_refused()
    {
        var programme = await world.ProgrammeAsync("noordoost-groningen");
        var original = await RecordAsync(System, "noordoost-groningen", Entry(programme, "2025-02-02"));
        string ReversalFile(string reason) => CsvText.Of([[
            ReversalIds.Of(Guid.Parse((string)original["entryId"]!)).ToString(), programme, "2025-02-02", "-1210.00", "-210.00", "-210.00", "process-guidance",
            (string?)original["counterparty"], (string?)original["invoiceReference"], (string?)original["description"], null, null, (string?)original["entryId"], reason]])
            .Replace("onwardTransferKvk\r\n", "onwardTransferKvk,reversesEntryId,reason\r\n", StringComparison.Ordinal);

        var reversed = await ImportAsync(System, "noordoost-groningen", ReversalFile("Creditnota ontvangen"));
        var again = await ImportAsync(System, "noordoost-groningen", ReversalFile("Toch iets anders"));

        Assert.Equal(("completed", 1), ((string?)reversed["status"], (int)reversed["written"]!));
        Assert.Equal("rejected", (string?)again["status"]);
        Assert.Equal((2L, "reversesEntryId", "entry-already-reversed"), ((long)again["errors"]![0]!["line"]!, (string?)again["errors"]![0]!["column"], (string?)again["errors"]![0]!["type"]));
        var listed = await ListAsync(System, "noordoost-groningen", $"programmeId={programme}");
        Assert.Equal(["-1210.00", "1210.00"], listed.Select(e => (string)e["amount"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_import_needs_text_csv_a_known_header_and_records()
    {
        var programme = await world.ProgrammeAsync("kop-van-noord-holland");
        var path = $"{SpendingPath("kop-van-noord-holland")}/import";
        var kassier = KassierOf("kop-van-noord-holland");

        var json = await System.Api.PostCsvAsync(path, kassier, CsvText.Of(CsvText.Generated(programme, 1)), "application/json");
        var headerOnly = await System.Api.PostCsvAsync(path, kassier, CsvText.Of([]));
        var unknownColumn = await System.Api.PostCsvAsync(path, kassier, "entryId,programmeId,bookedOn,amount,vat,compensableVat,category,counterparty,invoiceReference,description,onwardTransferName,colour\r\n");
        var unknownImport = await System.Api.GetAsync($"{SpendingPath("kop-van-noord-holland")}/imports/{new string('a', 32)}", Principals.Auditor);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"), (json.Status, (string?)json.Json["type"]));
        Assert.Equal((HttpStatusCode.BadRequest, "import-empty"), (headerOnly.Status, (string?)headerOnly.Json["type"]));
        Assert.Equal(HttpStatusCode.BadRequest, unknownColumn.Status);
        Assert.Equal(["colour", "onwardTransferKvk"], unknownColumn.Json["errors"]!.Select(e => (string)e["column"]!).Order(StringComparer.Ordinal));
        Assert.Equal((HttpStatusCode.NotFound, "import-not-found"), (unknownImport.Status, (string?)unknownImport.Json["type"]));
    }

    /// <summary>An entry as listed, without what differs between regions (the region, when and by whom it was recorded).</summary>
    private static string Comparable(JObject entry)
    {
        var copy = (JObject)entry.DeepClone();
        copy.Remove("regionId");
        copy.Remove("recordedAt");
        copy.Remove("recordedBy");
        return copy.ToString(Newtonsoft.Json.Formatting.None);
    }
}
