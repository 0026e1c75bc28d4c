using Azure.Data.Tables;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// Who may read a tranche: Finance and auditors all of them; a kassier those paid to their organisation and those of
/// regions whose kassier in force is their organisation (api.md: "Kassier (own regions)").
/// </summary>
internal sealed class TrancheAccess(TableClient table, HttpCall call, TimeProvider clock)
{
    private readonly Dictionary<string, string?> _kassiers = new(StringComparer.Ordinal);
    private IReadOnlySet<string>? _organisations;

    public static void RequireReader(HttpCall call) => call.RequireRole(Roles.Finance, Roles.Auditor, Roles.Kassier);

    public bool SeesAll => call.Caller.IsInRole(Roles.Finance) || call.Caller.IsInRole(Roles.Auditor);

    public async Task<bool> MaySeeAsync(Tranche tranche, CancellationToken cancellationToken)
    {
        if (SeesAll) return true;
        _organisations ??= await StaffProjection.OrganisationsOfAsync(table, call.Caller, cancellationToken);
        if (_organisations.Contains(tranche.KassierOrganisationCode)) return true;
        if (!_kassiers.TryGetValue(tranche.RegionId, out var kassier))
        {
            kassier = (await DisbursementStore.KassierAsync(table, tranche.RegionId, BusinessDate.InAmsterdam(clock.GetUtcNow()), cancellationToken))?.Value;
            _kassiers[tranche.RegionId] = kassier;
        }
        return kassier is not null && _organisations.Contains(kassier);
    }
}
