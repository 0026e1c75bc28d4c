using Npvr.Funding.Hosting;

namespace Npvr.Funding.Allocation;

/// <summary>GET /programmes/{programmeId}: any signed-in role.</summary>
public sealed class GetProgramme(AllocationStore store) : HttpFunction
{
    public override string Name => nameof(GetProgramme);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var id = ProgrammeRoutes.ProgrammeId(call);
        var programme = await AllocationStore.ProgrammeAsync(await store.TableAsync(cancellationToken), id, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound("programme-not-found", $"There is no programme '{id}'."));
        return Respond(HttpResult.Ok(DefineProgrammeFunction.ProgrammeView(programme)));
    }
}
