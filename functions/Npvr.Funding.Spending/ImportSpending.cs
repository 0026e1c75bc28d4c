using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// POST /regions/{regionId}/spending/import (text/csv): the region's kassier in force. Parses and checks the whole file
/// against the spending rules first: any bad line refuses the file (400, or 409 when every refusal is a closed year)
/// with every bad line listed, and more than 50,000 records is 413. An accepted file is stored in chunks and run as a
/// job (queue spending-imports): 202 with the job and its Location. The same file again answers its first job.
/// </summary>
public sealed class ImportSpending(SpendingStore spending, JournalStore journal, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public const string ImportsQueue = "spending-imports";

    public override string Name => nameof(ImportSpending);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Kassier);
        var regionId = SpendingRoutes.Region(call);
        var file = RequireCsv(call.Request);
        var table = await spending.TableAsync(cancellationToken);
        await SpendingAccess.RequireKassierOfAsync(call, table, regionId, clock, cancellationToken);
        var context = new SpendingContext(regionId, BusinessDate.InAmsterdam(clock.GetUtcNow()), 
            await SpendingStore.ProgrammesOfAsync(table, regionId, await YearMarks.ClosedAsync(await journal.TableAsync(cancellationToken), regionId, cancellationToken), cancellationToken));
        switch (SpendingCsv.Parse(file, context))
        {
            case SpendingCsvTooLarge tooLarge:
                return Respond(SpendingProblems.TooLarge(tooLarge.MaxDataLines));
            case SpendingCsvRejected rejected:
                return Respond(SpendingProblems.Csv(rejected));
            case SpendingCsvParsed { Rows.Count: 0 }:
                throw new ProblemException(Problem.BadRequest("import-empty", "The file has a header but no records."));
            case SpendingCsvParsed parsed:
                return await StartAsync(call, table, regionId, file, ImportPlan.Chunks(parsed, context), parsed.Rows.Count, cancellationToken);
            case var other:
                throw new InvalidOperationException($"SpendingCsv.Parse answered {other.GetType().Name}.");
        }
    }

    /// <summary>Stores the file's chunks, then commits the job's header with its first message (or answers the job this file already has).</summary>
    private async Task<InvocationResult> StartAsync(HttpCall call, Azure.Data.Tables.TableClient table, string regionId, string file, ImportChunks chunks, int records,
        CancellationToken cancellationToken)
    {
        var importId = ImportRows.NewId(regionId, file);
        var partition = ImportRows.Partition(regionId);
        if (await ImportRows.HeaderAsync(table, regionId, importId, cancellationToken) is null)
            await ImportRows.WriteChunksAsync(table, regionId, importId, chunks.Texts, cancellationToken);
        return await writes.CommitAsync(table, partition, call, async ct =>
        {
            if (await ImportRows.HeaderAsync(table, regionId, importId, ct) is { } existing)
            {
                var (written, alreadyRecorded) = await ImportRows.ProgressAsync(table, regionId, importId, ct);
                return new WritePlan(new PartitionWrite(partition), [], Accepted(existing.Header, written, alreadyRecorded));
            }
            var now = clock.GetUtcNow();
            var header = new ImportHeader(importId, regionId, ImportHeader.Checking, records, chunks.Texts.Count, chunks.EntryChunks, now, call.Caller.Name, call.CorrelationId, null, 0, 0, false);
            var command = EventEnvelope.Create(CommandTypes.RunSpendingImport, new RunSpendingImport(regionId, importId, RunSpendingImport.Check, 0), now,
                regionId, null, call.CorrelationId, call.InvocationId, call.Actor);
            var write = new PartitionWrite(partition).Insert(ImportRows.HeaderEntity(header)).Publish(new OutboxMessage(ImportsQueue, command));
            return new WritePlan(write, [], Accepted(header, 0, 0));
        }, cancellationToken);
    }

    private static HttpResult Accepted(ImportHeader header, int written, int alreadyRecorded) =>
        HttpResult.Json(202, ImportView.From(header, written, alreadyRecorded, null)) with
        {
            Headers = new Dictionary<string, string> { ["Location"] = ImportRows.Location(header.RegionId, header.ImportId) },
        };

    private static string RequireCsv(FunctionHttpRequest request)
    {
        if (request.Header("Content-Type") is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            throw new ProblemException(new Problem("unsupported-media-type", "Send the file as text/csv.", 415, "An import is a CSV file sent with Content-Type: text/csv."));
        return string.IsNullOrEmpty(request.Body)
            ? throw new ProblemException(Problem.BadRequest("import-empty", "The request carries no file."))
            : request.Body;
    }
}
