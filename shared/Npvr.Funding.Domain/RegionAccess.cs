namespace Npvr.Funding.Domain;

/// <summary>
/// Who may act for a region (design.md section 5): a kassier only for regions whose kassier in force is their
/// organisation; some actions also allow BZK finance.
/// </summary>
public static class RegionAccess
{
    public static void EnsureKassierOf(string regionId, string? kassierInForce, IReadOnlySet<string> callerOrganisations)
    {
        if (kassierInForce is null)
            throw new DomainException(DomainError.Forbidden("kassier-not-designated", $"Region '{regionId}' has no kassier designated yet."));
        if (!callerOrganisations.Contains(kassierInForce))
            throw new DomainException(DomainError.Forbidden("not-kassier-of-region",
                $"Only the kassier of '{regionId}' ({kassierInForce}) may do this; your organisation is {string.Join(", ", callerOrganisations.DefaultIfEmpty("unknown"))}."));
    }
}
