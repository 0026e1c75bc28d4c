using Azure;
using Azure.Data.Tables;

namespace Npvr.Funding.Storage;

/// <summary>Commits a <see cref="PartitionWrite"/> and classifies the failures that are part of normal operation.</summary>
public static class TableCommit
{
    public static async Task<CommitOutcome> CommitAsync(TableClient table, PartitionWrite write, CancellationToken cancellationToken)
    {
        if (write.Actions.Count == 0) return CommitOutcome.Committed;
        try
        {
            await table.SubmitTransactionAsync(write.Actions, cancellationToken);
            return CommitOutcome.Committed;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return e.FailedTransactionActionIndex is int index && write.IsGuard(index) && e.Status == 409
                ? CommitOutcome.AlreadyDone
                : CommitOutcome.Conflict;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Some emulator versions report a failed batch without the action index; a guard row tells us which it was.
            return await AnyGuardExistsAsync(table, write, cancellationToken) ? CommitOutcome.AlreadyDone : CommitOutcome.Conflict;
        }
    }

    private static async Task<bool> AnyGuardExistsAsync(TableClient table, PartitionWrite write, CancellationToken cancellationToken)
    {
        for (var i = 0; i < write.Actions.Count; i++)
        {
            if (!write.IsGuard(i)) continue;
            var entity = write.Actions[i].Entity;
            var found = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, ["RowKey"], cancellationToken);
            if (found.HasValue) return true;
        }
        return false;
    }
}
