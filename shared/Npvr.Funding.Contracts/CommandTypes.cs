namespace Npvr.Funding.Contracts;

/// <summary>The type names of commands sent on queues (the issue saga, design.md section 3 of style.md).</summary>
public static class CommandTypes
{
    /// <summary>Disbursement to itself, one per queued region of an issue run.</summary>
    public const string IssueTranche = "IssueTranche";

    /// <summary>Disbursement to Allocation: hold a region-year at a version for a tranche.</summary>
    public const string FreezeAllocation = "FreezeAllocation";

    /// <summary>Disbursement to Spending: may a run issue this tranche (is its year still open)?</summary>
    public const string AdmitTranche = "AdmitTranche";

    /// <summary>Spending to itself on spending-imports: the next step of a CSV import job.</summary>
    public const string RunSpendingImport = "RunSpendingImport";
}
