namespace Npvr.Funding.Contracts.Spending;

/// <summary>
/// Command (Spending to itself, queue spending-imports): run one step of an import job. <see cref="Step"/> "check"
/// compares the whole file with the stored ledger before anything is written; "write" writes slice
/// <see cref="Slice"/> of the file, then asks for the next slice, so each slice is retried on its own.
/// </summary>
public sealed record RunSpendingImport(string RegionId, string ImportId, string Step, int Slice)
{
    public const string Check = "check";
    public const string Write = "write";
}
