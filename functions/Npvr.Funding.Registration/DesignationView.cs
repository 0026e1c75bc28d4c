using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Registration;

/// <summary>The wire form of a designation: the same shape as the KassierDesignated event.</summary>
public static class DesignationView
{
    public static KassierDesignated From(Designation d) => new(
        d.RegionId, d.Organisation.Value, d.OrganisationName, d.Organisation.KindName, d.EffectiveFrom, d.ContactEmail, d.DesignatedAt, d.DesignatedBy);

    public static KassierDesignated? FromNullable(Designation? d) => d is null ? null : From(d);
}
