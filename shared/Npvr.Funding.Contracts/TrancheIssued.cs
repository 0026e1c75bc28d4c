using Npvr.Funding.Domain;

namespace Npvr.Funding.Contracts;

public sealed record TrancheIssued(
    string TrancheId,
    string ProgrammeId,
    int Year,
    string RegionId,
    string KassierOrganisationCode,
    Money Amount,
    Money BcfDeposit,
    DateTimeOffset IssuedAt);
