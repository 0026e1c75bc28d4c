using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>An import job as its header row holds it.</summary>
internal sealed record ImportHeader(string ImportId, string RegionId, string Status, int Records, int Chunks, int EntryChunks, DateTimeOffset CreatedAt, string CreatedBy,
    string CorrelationId, DateTimeOffset? CompletedAt, int BadLines, long TotalErrors, bool Truncated)
{
    public const string Checking = "checking";
    public const string Writing = "writing";
    public const string Completed = "completed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    public int Slices => ImportPlan.Slices(Chunks);
}

/// <summary>
/// A region's import jobs in partition "imports|{region}" of the Spending table: "import|{id}" (the header, whose ETag
/// orders the job's steps), "chunk|{id}|{k}" (the parsed records), "done|{id}|{k}" (a chunk written, with its counts:
/// the progress), "problems|{id}|{k}" (the refusals of a rejected job), beside the POST's idempotency and outbox rows
/// and the job messages' inbox rows. The import id is a digest of the region and the file, so the same file again
/// finds its first import.
/// </summary>
internal static class ImportRows
{
    /// <summary>Chunk rows per transaction are bounded by text too: a transaction carries at most 4 MiB.</summary>
    private const int MaxTransactionChars = 1_500_000;

    /// <summary>Problem rows per job: 10,000 refusals of at most a few hundred characters each fit in far fewer.</summary>
    private const int MaxProblemRows = 100;

    public static string Partition(string regionId) => "imports|" + regionId;

    public static string NewId(string regionId, string file) => Hashing.Sha256Hex(regionId + "\n" + file)[..32];

    public static bool IsValidId(string? importId) => importId is { Length: 32 } && importId.All(char.IsAsciiHexDigitLower);

    public static string Location(string regionId, string importId) => $"/api/regions/{regionId}/spending/imports/{importId}";

    public static async Task<(ImportHeader Header, ETag ETag)?> HeaderAsync(TableClient table, string regionId, string importId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(regionId), "import|" + importId, cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        var e = row.Value!;
        return (new ImportHeader(importId, regionId, e.GetString("Status")!, e.GetInt32("Records") ?? 0, e.GetInt32("Chunks") ?? 0, e.GetInt32("EntryChunks") ?? 0,
            e.GetDateTimeOffset("CreatedAt")!.Value,
            e.GetString("CreatedBy") ?? "", e.GetString("CorrelationId") ?? "", e.GetDateTimeOffset("CompletedAt"), e.GetInt32("BadLines") ?? 0,
            e.GetInt64("TotalErrors") ?? 0, e.GetBoolean("Truncated") ?? false), e.ETag);
    }

    public static TableEntity HeaderEntity(ImportHeader h) => new(Partition(h.RegionId), "import|" + h.ImportId)
    {
        ["Status"] = h.Status,
        ["Records"] = h.Records,
        ["Chunks"] = h.Chunks,
        ["EntryChunks"] = h.EntryChunks,
        ["CreatedAt"] = h.CreatedAt,
        ["CreatedBy"] = h.CreatedBy,
        ["CorrelationId"] = h.CorrelationId,
        ["CompletedAt"] = h.CompletedAt,
        ["BadLines"] = h.BadLines,
        ["TotalErrors"] = h.TotalErrors,
        ["Truncated"] = h.Truncated,
    };

    /// <summary>Writes the chunk rows before the header exists, so the job never sees a header without its file.</summary>
    public static Task WriteChunksAsync(TableClient table, string regionId, string importId, IEnumerable<string> chunks, CancellationToken cancellationToken) =>
        UpsertAsync(table, chunks.Select((text, k) => new TableEntity(Partition(regionId), Key("chunk", importId, k)).With(text)), cancellationToken);

    public static async Task<IReadOnlyList<ImportRecord>> ChunkAsync(TableClient table, string regionId, string importId, int chunk, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityAsync<TableEntity>(Partition(regionId), Key("chunk", importId, chunk), cancellationToken: cancellationToken);
        return ImportPlan.Read(ChunkedText.TextOf(row.Value));
    }

    public static async Task<bool> IsDoneAsync(TableClient table, string regionId, string importId, int chunk, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(Partition(regionId), Key("done", importId, chunk), ["RowKey"], cancellationToken)).HasValue;

    public static Task MarkDoneAsync(TableClient table, string regionId, string importId, int chunk, int written, int alreadyRecorded, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(new TableEntity(Partition(regionId), Key("done", importId, chunk)) { ["Written"] = written, ["AlreadyRecorded"] = alreadyRecorded },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Records written and found already recorded so far, summed over the chunks done (one page: at most 500 chunks).</summary>
    public static async Task<(int Written, int AlreadyRecorded)> ProgressAsync(TableClient table, string regionId, string importId, CancellationToken cancellationToken)
    {
        var (written, already) = (0, 0);
        await foreach (var row in table.QueryAsync<TableEntity>(RangeFilter(regionId, "done", importId), maxPerPage: 1000, select: ["Written", "AlreadyRecorded"], cancellationToken: cancellationToken))
        {
            written += row.GetInt32("Written") ?? 0;
            already += row.GetInt32("AlreadyRecorded") ?? 0;
        }
        return (written, already);
    }

    public static Task WriteProblemsAsync(TableClient table, string regionId, string importId, IReadOnlyList<CsvLineError> errors, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        for (var start = 0; start < errors.Count;)
        {
            // Greedy: as many errors as fit in one row's text.
            var take = Math.Min(errors.Count - start, 1000);
            string text;
            while ((text = FundingJson.Serialize(errors.Skip(start).Take(take))).Length > ChunkedText.MaxChars) take /= 2;
            rows.Add(new TableEntity(Partition(regionId), Key("problems", importId, rows.Count)).With(text));
            if (rows.Count > MaxProblemRows) throw new InvalidOperationException($"Import {importId} has more refusals than {MaxProblemRows} rows hold.");
            start += take;
        }
        return UpsertAsync(table, rows, cancellationToken);
    }

    public static async Task<List<CsvLineError>> ProblemsAsync(TableClient table, string regionId, string importId, CancellationToken cancellationToken)
    {
        var errors = new List<CsvLineError>();
        await foreach (var row in table.QueryAsync<TableEntity>(RangeFilter(regionId, "problems", importId), maxPerPage: MaxProblemRows, cancellationToken: cancellationToken))
            errors.AddRange(FundingJson.Deserialize<List<CsvLineError>>(ChunkedText.TextOf(row)));
        return errors;
    }

    private static async Task UpsertAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>();
        var chars = 0;
        foreach (var row in rows)
        {
            var size = ChunkedText.TextOf(row).Length;
            if (batch.Count == PartitionWrite.MaxActions || (batch.Count > 0 && chars + size > MaxTransactionChars))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                (batch, chars) = ([], 0);
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            chars += size;
        }
        if (batch.Count > 0) await table.SubmitTransactionAsync(batch, cancellationToken);
    }

    private static string Key(string kind, string importId, int index) => string.Create(CultureInfo.InvariantCulture, $"{kind}|{importId}|{index:D5}");

    private static string RangeFilter(string regionId, string kind, string importId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Partition(regionId)} and RowKey ge {kind + "|" + importId + "|"} and RowKey lt {kind + "|" + importId + "}"}");
}
