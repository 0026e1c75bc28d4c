namespace Npvr.Funding.Domain.Statements;

public enum OpenItemKind
{
    /// <summary>A tranche issued and not voided whose receipt nobody confirmed.</summary>
    UnconfirmedTranche,

    /// <summary>A receipt that differed from the tranche and is not resolved.</summary>
    OpenDiscrepancy,

    /// <summary>
    /// A tranche being issued: Spending admitted it (or a resolution announced a supplement) and its TrancheIssued is
    /// not journaled yet. Closing now would seal a year that a payment is about to land in.
    /// </summary>
    TrancheInFlight,
}

/// <summary>Something that keeps a programme-year from being closed.</summary>
public sealed record OpenItem(string RegionId, string TrancheId, OpenItemKind Kind);
