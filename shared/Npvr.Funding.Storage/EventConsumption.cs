using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>
/// A consumer's state change for one event, committed with its inbox record (consumer, eventId) in the same
/// transaction: a repeated delivery finds the record and changes nothing. Insert-first (issue 15): the record is the
/// transaction's first action and is not read beforehand, so a first delivery costs the decision's reads and one
/// transaction; a repeated delivery decides again on the state it finds, and its transaction fails on the record and
/// writes nothing. Decisions are therefore pure apart from their reads: what a caller captures inside one is valid only
/// when the outcome is <see cref="CommitOutcome.Committed"/>. Messages the change owes the bus
/// (<see cref="PartitionWrite.Publish"/>) are published and marked after the commit.
/// </summary>
public sealed class EventConsumption(Outbox outbox, IConfiguration configuration)
{
    public const int MaxAttempts = 8;

    /// <summary>
    /// TEST ONLY, unset everywhere but in the simulator's planted-bug run (tests/Npvr.Funding.Simulation): the value
    /// "skip-inbox-check:{consumer}" makes that one consumer neither read nor write its inbox record, so a repeated
    /// delivery is applied again. It exists so the simulator can show it finds a real bug; never set it in Azure.
    /// </summary>
    public const string PlantedBugSetting = "Testing:PlantedBug";

    private const string SkipInboxCheckBug = "skip-inbox-check:";

    private readonly string? _consumerWithoutInbox = configuration[PlantedBugSetting] is { } bug && bug.StartsWith(SkipInboxCheckBug, StringComparison.Ordinal)
        ? bug[SkipInboxCheckBug.Length..]
        : null;

    /// <param name="decide">
    /// Loads state and returns the rows to write for this event, or null when the event changes nothing (nothing is
    /// written then, not even the inbox record). Runs again on a repeated delivery: no writes of its own.
    /// </param>
    public async Task<CommitOutcome> CommitAsync(TableClient table, string partitionKey, string consumer, EventEnvelope envelope,
        Func<CancellationToken, Task<PartitionWrite?>> decide, CancellationToken cancellationToken)
    {
        var inbox = RowKeys.Inbox(consumer, envelope.EventId);
        var planted = consumer == _consumerWithoutInbox;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            PartitionWrite? write;
            try
            {
                write = await decide(cancellationToken);
            }
            catch (Exception refusal) when (!planted && refusal is PermanentFailureException or DomainException)
            {
                // A repeated delivery may be refused by the state its first delivery made (e.g. a pending row it consumed).
                if (await WasConsumedAsync(table, partitionKey, inbox, cancellationToken)) return CommitOutcome.AlreadyDone;
                throw;
            }
            if (write is null) return CommitOutcome.Committed;
            if (!planted) write.InsertGuardFirst(new TableEntity(partitionKey, inbox) { ["Type"] = envelope.Type });
            var outcome = await TableCommit.CommitAsync(table, write, cancellationToken);
            if (outcome == CommitOutcome.Committed) await outbox.PublishAndMarkAsync(table, write, cancellationToken);
            if (outcome != CommitOutcome.Conflict) return outcome;
            await ConflictBackoff.DelayAsync(attempt, cancellationToken);
        }
        throw new InvalidOperationException($"Gave up after {MaxAttempts} attempts on event {envelope.EventId}: partition {partitionKey} kept changing.");
    }

    private static async Task<bool> WasConsumedAsync(TableClient table, string partitionKey, string inbox, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, inbox, ["RowKey"], cancellationToken)).HasValue;
}
