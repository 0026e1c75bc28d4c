using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>
/// GET /audit/regions/{regionId}/checkpoint: Funding.Auditor only. The latest signed checkpoint of the region, as held
/// outside the journal table; 404 before the first one; 409 journal-contradicts-checkpoint (with the checkpoint and
/// the alarm) once the journal was found not to extend what was signed.
/// </summary>
public sealed class GetCheckpoint(CheckpointArchive archive) : HttpFunction
{
    public override string Name => nameof(GetCheckpoint);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var regionId = AuditRoutes.AuditedRegion(call);
        var latest = await archive.LatestAsync(regionId, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound("checkpoint-not-found", $"No checkpoint of {regionId} has been signed yet: its journal is empty."));
        if (await archive.LatestAlarmAsync(regionId, cancellationToken) is { } alarm)
        {
            var problem = Problem.Conflict("journal-contradicts-checkpoint",
                Problem.Bounded($"The journal of {regionId} does not extend its signed checkpoint ({alarm["reason"]}); nothing is signed until it is resolved."));
            var body = FundingJson.ToJObject(problem);
            body["checkpoint"] = latest.ToJson();
            body["alarm"] = alarm;
            return Respond(new HttpResult(problem.Status, FundingJson.Serialize(body), "application/problem+json; charset=utf-8"));
        }
        return Respond(HttpResult.Ok(latest.ToJson()));
    }
}
