using Npvr.Funding.Domain;

namespace Npvr.Funding.Contracts;

public sealed record AllocationDetermined(
    string ProgrammeId,
    int Year,
    string RegionId,
    Money Gross,
    Money CompensableVatEstimate,
    Money NetDu,
    Money BcfDeposit,
    int Version);
