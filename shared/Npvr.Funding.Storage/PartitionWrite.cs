using Azure;
using Azure.Data.Tables;

namespace Npvr.Funding.Storage;

/// <summary>
/// Everything one decision writes, in one partition, committed as one Table transaction:
/// state rows, event rows (the outbox) and the idempotency or inbox record. All or nothing.
/// </summary>
public sealed class PartitionWrite(string partitionKey)
{
    /// <summary>Table Storage's limit on actions in one transaction.</summary>
    public const int MaxActions = 100;

    private readonly List<TableTransactionAction> _actions = [];
    private readonly HashSet<TableTransactionAction> _guards = new(ReferenceEqualityComparer.Instance);
    private readonly List<OutboxMessage> _outgoing = [];

    public string PartitionKey { get; } = partitionKey;
    public IReadOnlyList<TableTransactionAction> Actions => _actions;

    /// <summary>The messages this write owes the bus, published (then marked) once the transaction committed.</summary>
    public IReadOnlyList<OutboxMessage> Outgoing => _outgoing;

    /// <summary>An outbox row for <paramref name="message"/>, committed with the state; published after the commit.</summary>
    public PartitionWrite Publish(OutboxMessage message)
    {
        Insert(OutboxRows.ToEntity(PartitionKey, message));
        _outgoing.Add(message);
        return this;
    }

    /// <summary>A row that must not exist yet: a new fact, never an overwrite.</summary>
    public PartitionWrite Insert(ITableEntity entity) => Add(TableTransactionActionType.Add, entity, default);

    /// <summary>
    /// Like <see cref="Insert"/>, but its failure means "this was done before" (an idempotency or inbox record),
    /// not a conflict to retry.
    /// </summary>
    public PartitionWrite InsertGuard(ITableEntity entity)
    {
        _guards.Add(Place(TableTransactionActionType.Add, entity, default, _actions.Count));
        return this;
    }

    /// <summary>
    /// An <see cref="InsertGuard"/> placed before every other action: a transaction stops at its first failing action,
    /// so a record that exists is what the failure names, whatever else the plan would have conflicted on.
    /// </summary>
    public PartitionWrite InsertGuardFirst(ITableEntity entity)
    {
        _guards.Add(Place(TableTransactionActionType.Add, entity, default, 0));
        return this;
    }

    /// <summary>Replaces a row read earlier, only if nobody changed it since (optimistic concurrency).</summary>
    public PartitionWrite Replace(ITableEntity entity, ETag readETag) =>
        Add(readETag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, entity, readETag);

    /// <summary>Writes the row whether or not it exists: only for rows where the latest decision is the one that counts.</summary>
    public PartitionWrite Upsert(ITableEntity entity) => Add(TableTransactionActionType.UpsertReplace, entity, default);

    /// <summary>Sets some properties of a row read earlier, keeping the rest, only if nobody changed it since.</summary>
    public PartitionWrite Merge(ITableEntity entity, ETag readETag) => Add(TableTransactionActionType.UpdateMerge, entity, readETag);

    /// <summary>
    /// Removes a row read earlier, only if nobody changed it since. For transient plumbing rows only (a staged journal
    /// entry once linked into the chain): facts are never deleted.
    /// </summary>
    public PartitionWrite Delete(ITableEntity entity, ETag readETag) => Add(TableTransactionActionType.Delete, entity, readETag);

    internal bool IsGuard(int actionIndex) => actionIndex < _actions.Count && _guards.Contains(_actions[actionIndex]);

    private PartitionWrite Add(TableTransactionActionType type, ITableEntity entity, ETag etag)
    {
        Place(type, entity, etag, _actions.Count);
        return this;
    }

    private TableTransactionAction Place(TableTransactionActionType type, ITableEntity entity, ETag etag, int index)
    {
        if (entity.PartitionKey != PartitionKey)
            throw new InvalidOperationException($"Row {entity.RowKey} is in partition {entity.PartitionKey}, not {PartitionKey}: one transaction is one partition.");
        if (_actions.Count >= MaxActions)
            throw new InvalidOperationException($"A transaction holds at most {MaxActions} actions.");
        var action = new TableTransactionAction(type, entity, etag);
        _actions.Insert(index, action);
        return action;
    }
}
