namespace Npvr.Funding.Storage;

public enum CommitOutcome
{
    /// <summary>Everything was written.</summary>
    Committed,

    /// <summary>Someone changed a row we read (ETag mismatch) or inserted a row we meant to insert: load again and retry.</summary>
    Conflict,

    /// <summary>An idempotency or inbox record already exists: this work was done before; nothing was written.</summary>
    AlreadyDone,
}
