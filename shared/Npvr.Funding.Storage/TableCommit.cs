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
    }
}
