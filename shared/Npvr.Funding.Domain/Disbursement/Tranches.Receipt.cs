namespace Npvr.Funding.Domain.Disbursement;

public static partial class Tranches
{
    /// <summary>
    /// The shape of a receipt, checkable before anything is read: amount above zero, a bank reference, and a
    /// receivedOn that is not after <paramref name="today"/>. Invalid with the field named otherwise.
    /// </summary>
    public static TrancheReceipt CheckReceipt(ReceiptInput input, DateOnly today)
    {
        if (input.ReceivedOn is not { } receivedOn)
            throw TrancheText.Invalid("received-on-invalid", "receivedOn (yyyy-MM-dd) is required.");
        if (receivedOn > today)
            throw TrancheText.Invalid("received-on-invalid", $"receivedOn {receivedOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        if (input.Amount is not { } amount || !(amount > Money.Zero))
            throw TrancheText.Invalid("amount-invalid", "amount is required and above zero, e.g. \"341322.31\".");
        return new TrancheReceipt(receivedOn, amount, TrancheText.BankReference(input.BankReference));
    }

    /// <summary>
    /// The kassier named on the tranche confirms what reached its bank account. Only that organisation may, even after
    /// it was replaced as the region's kassier (Forbidden <c>not-kassier-of-tranche</c>). The same amount makes the
    /// tranche received; any other amount a discrepancy that keeps both figures. A second confirmation is Conflict
    /// <c>tranche-already-confirmed</c>; a voided tranche Conflict <c>tranche-voided</c>; receivedOn before the issue
    /// date or after today Invalid <c>received-on-invalid</c>.
    /// </summary>
    public static Tranche ConfirmReceipt(Tranche tranche, ReceiptInput input, IReadOnlySet<string> actingOrganisations, DateOnly today, bool yearClosed)
    {
        if (!actingOrganisations.Contains(tranche.KassierOrganisationCode))
            throw new DomainException(DomainError.Forbidden("not-kassier-of-tranche",
                $"Only {tranche.KassierOrganisationCode}, the kassier tranche {tranche.TrancheId} was paid to, may confirm its receipt."));
        EnsureOpen(yearClosed, tranche.Year);
        if (tranche.Status == TrancheStatus.Voided)
            throw new DomainException(DomainError.Conflict("tranche-voided", $"Tranche {tranche.TrancheId} was voided; there is nothing to receive."));
        if (tranche.Receipt is { } earlier)
            throw new DomainException(DomainError.Conflict("tranche-already-confirmed",
                $"Receipt of tranche {tranche.TrancheId} was confirmed already ({earlier.Amount} on {earlier.ReceivedOn:yyyy-MM-dd})."));
        var receipt = CheckReceipt(input, today);
        if (receipt.ReceivedOn < tranche.IssuedOn)
            throw TrancheText.Invalid("received-on-invalid",
                $"receivedOn {receipt.ReceivedOn:yyyy-MM-dd} is before tranche {tranche.TrancheId} was issued ({tranche.IssuedOn:yyyy-MM-dd}).");
        var next = tranche with { Receipt = receipt };
        // Nothing lost: both figures stay, and the status says whether they agree.
        if (next.Amount != tranche.Amount || next.Receipt!.Amount != receipt.Amount || (next.Status == TrancheStatus.Received) != (receipt.Amount == tranche.Amount))
            throw new InvalidOperationException($"Receipt of {tranche.TrancheId} lost a figure.");
        return next;
    }
}
