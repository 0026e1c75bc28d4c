using Npvr.Funding.Domain;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Spending;

/// <summary>GET /audit/keys: Funding.Auditor only. The public keys that sign checkpoints, each with its validity period.</summary>
public sealed class GetAuditKeys(ICheckpointSigner signer) : HttpFunction
{
    public override string Name => nameof(GetAuditKeys);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Auditor);
        var keys = await signer.KeysAsync(cancellationToken);
        return Respond(HttpResult.Ok(new { keys = keys.Select(k => k.ToJson()) }));
    }
}
