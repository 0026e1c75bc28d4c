using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using static Npvr.Funding.Domain.Tests.Spending.SpendingFixture;

namespace Npvr.Funding.Domain.Tests.Spending;

public class SpendingCsvRoundTripTests
{
    [Property(MaxTest = 200)]
    public Property An_export_reimports_into_the_same_entries_and_exports_byte_for_byte_again() =>
        Prop.ForAll(Arb.From(SpendingGenerators.Ledger), ledger =>
        {
            var text = Export(ledger);
            var imported = Import(SpendingCsv.Parse(text, Context()));
            Assert.Equal(ledger, imported);
            Assert.Equal(text, Export(imported));
        });

    [Property(MaxTest = 50)]
    public Property An_export_written_as_bytes_reimports_from_a_stream() =>
        Prop.ForAll(Arb.From(SpendingGenerators.Ledger), ledger =>
        {
            using var bytes = new MemoryStream();
            SpendingCsv.Write(bytes, ledger);
            Assert.Equal(Export(ledger), Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Position = 0;
            Assert.Equal(ledger, Import(SpendingCsv.Parse(bytes, Context())));
        });

    [Fact]
    public async Task An_asynchronous_export_writes_the_same_text()
    {
        var ledger = SpendingGenerators.Ledger.Sample(10, 1)[0];
        using var writer = new StringWriter();

        await SpendingCsv.WriteAsync(writer, ledger.ToAsyncEnumerable(), CancellationToken.None);

        Assert.Equal(Export(ledger), writer.ToString());
    }

    [Fact]
    public void An_export_has_a_header_comma_separators_crlf_quotes_where_needed_and_no_bom()
    {
        var entry = Recorded(OnwardTransfer(Guid.Parse("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")) with { Description = "Doorbetaling \"Q1\",\nzie bijlage" });
        var reversal = SpendingEntries.Reverse(entry, null, "dubbel", new HashSet<int>()).Reversal;

        var text = Export([entry, reversal]);

        Assert.Equal(
            "entryId,programmeId,bookedOn,amount,vat,compensableVat,category,counterparty,invoiceReference,description,onwardTransferName,onwardTransferKvk,reversesEntryId,reason\r\n"
            + "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f,npvr-procesmiddelen,2025-06-30,1210.00,0.00,0.00,onward-transfer,Adviesbureau Oost B.V.,INV-2025-0042,"
            + "\"Doorbetaling \"\"Q1\"\",\nzie bijlage\",Regio Achterhoek (Wgr),12345678,,\r\n"
            + "6f18b436-48f5-8335-8a00-befacfa019d4,npvr-procesmiddelen,2025-06-30,-1210.00,0.00,0.00,onward-transfer,Adviesbureau Oost B.V.,INV-2025-0042,"
            + "\"Doorbetaling \"\"Q1\"\",\nzie bijlage\",Regio Achterhoek (Wgr),12345678,3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f,dubbel\r\n",
            text);
    }

    internal static string Export(IEnumerable<SpendingEntry> entries)
    {
        using var writer = new StringWriter();
        SpendingCsv.Write(writer, entries);
        return writer.ToString();
    }

    /// <summary>What the app does with a parsed file: record the plain rows, then make each reversal of its original.</summary>
    internal static List<SpendingEntry> Import(SpendingCsvResult result)
    {
        var parsed = Assert.IsType<SpendingCsvParsed>(result);
        var recorded = parsed.Records.ToDictionary(r => r.Line, r => SpendingEntries.Record(r.Entry, Context()).ValueOrThrow());
        var byId = recorded.Values.ToDictionary(e => e.EntryId);
        return [.. parsed.Rows.Select(row =>
        {
            if (!row.IsReversal) return recorded[row.Line];
            var reversal = SpendingEntries.Reverse(byId[row.ReversesEntryId!.Value], null, row.Reason, new HashSet<int>()).Reversal;
            Assert.Empty(SpendingEntries.CompareReversalRow(reversal, row.Entry));
            return reversal;
        })];
    }
}
