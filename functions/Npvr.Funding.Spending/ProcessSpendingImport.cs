using Newtonsoft.Json;
using Npvr.Funding.Contracts;
using Npvr.Funding.Contracts.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>What one step of an import job changes: the header's next state (or none) and the job's next message (or none).</summary>
internal sealed record ImportStep(ImportHeader? NextHeader, RunSpendingImport? NextCommand);

/// <summary>
/// ProcessSpendingImport (queue spending-imports): one step of an import job. "check" compares every record with the
/// stored ledger before anything is written (the job is rejected with every refused line, or goes on to write);
/// "write" writes one slice of chunks, each entry keyed by its entryId and each chunk marked done, so a redelivered
/// message after a crash continues where the writes stopped and writes nothing twice. The step's outcome (header state,
/// next message) commits with the message's inbox record, so a repeated message changes nothing.
/// </summary>
public sealed class ProcessSpendingImport(SpendingStore spending, ImportChecker checker, ImportWriter writer, EventConsumption consumption, TimeProvider clock) : IFunction
{
    public const string Consumer = "imports";

    public string Name => nameof(ProcessSpendingImport);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var envelope = EventMessages.Read(invocation.MessageBody("command"));
        var command = Read(envelope);
        var table = await spending.TableAsync(cancellationToken);
        var partition = ImportRows.Partition(command.RegionId);
        var (header, _) = await ImportRows.HeaderAsync(table, command.RegionId, command.ImportId, cancellationToken)
            ?? throw new PermanentFailureException($"{envelope.EventId} names import {command.ImportId} of {command.RegionId}, which does not exist.");
        if ((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(partition, RowKeys.Inbox(Consumer, envelope.EventId), ["RowKey"], cancellationToken)).HasValue)
            return new InvocationResult().Log($"Import {command.ImportId} {command.Step} {command.Slice}: already done.");

        var step = (command.Step, header.Status) switch
        {
            (RunSpendingImport.Check, ImportHeader.Checking) => await checker.CheckAsync(table, header, cancellationToken),
            (RunSpendingImport.Write, ImportHeader.Writing) => await writer.WriteSliceAsync(table, header, command.Slice, envelope, cancellationToken),
            _ => new ImportStep(null, null), // a step the job is past (a late duplicate): nothing to do
        };
        var outcome = await consumption.CommitAsync(table, partition, Consumer, envelope, async ct =>
        {
            var write = new PartitionWrite(partition);
            if (step.NextHeader is { } next)
            {
                var (current, etag) = (await ImportRows.HeaderAsync(table, command.RegionId, command.ImportId, ct))!.Value;
                if (current.Status != header.Status) return write; // another delivery of this step moved the job on
                write.Replace(ImportRows.HeaderEntity(next), etag);
            }
            if (step.NextCommand is { } nextCommand)
                write.Publish(new OutboxMessage(ImportSpending.ImportsQueue, envelope.Causes(CommandTypes.RunSpendingImport, nextCommand,
                    clock.GetUtcNow(), command.RegionId, null)));
            return write;
        }, cancellationToken);
        return new InvocationResult().Log($"Import {command.ImportId} {command.Step} {command.Slice}: {step.NextHeader?.Status ?? header.Status}, {outcome}.");
    }

    private static RunSpendingImport Read(EventEnvelope envelope)
    {
        if (envelope.Type != CommandTypes.RunSpendingImport)
            throw new PermanentFailureException($"spending-imports carries {CommandTypes.RunSpendingImport} only, not {envelope.Type}.");
        try
        {
            var command = envelope.DataAs<RunSpendingImport>();
            return ImportRows.IsValidId(command.ImportId) && Domain.Regions.Exists(command.RegionId)
                ? command
                : throw new PermanentFailureException($"{envelope.EventId} names no import: region {command.RegionId}, import {command.ImportId}.");
        }
        catch (JsonException e)
        {
            throw new PermanentFailureException($"{CommandTypes.RunSpendingImport} {envelope.EventId} is unreadable: {e.Message}");
        }
    }
}
