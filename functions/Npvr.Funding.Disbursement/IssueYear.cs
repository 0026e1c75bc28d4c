using Npvr.Funding.Contracts;
using Npvr.Funding.Domain.Disbursement;
using Npvr.Funding.Domain.Spending;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Disbursement;

/// <summary>
/// POST /programmes/{programmeId}/years/{year}/tranches: Funding.Finance only. Plans the run (per region queued,
/// already-issued or blocked), commits it with one IssueTranche command per queued region (outbox rows for queue
/// tranche-issuing, so each region is retried on its own) and answers 202 with the run and its Location.
/// Never pays twice: every region is decided again when its command runs, and a tranche's id is derived from its
/// programme, year, region and sequence, so a repeat asks for the same tranche.
/// </summary>
public sealed class IssueYear(DisbursementStore store, HttpWrites writes, TimeProvider clock) : HttpFunction
{
    public const string IssuingQueue = "tranche-issuing";

    public override string Name => nameof(IssueYear);

    protected override async Task<InvocationResult> HandleAsync(HttpCall call, CancellationToken cancellationToken)
    {
        call.RequireRole(Roles.Finance);
        var programmeId = DisbursementRoutes.ProgrammeId(call.Request.Route("programmeId"));
        var year = QueryValues.Year(call.Request.Route("year"));
        var table = await store.TableAsync(cancellationToken);
        var programme = await DisbursementStore.ProgrammeAsync(table, programmeId, cancellationToken)
            ?? throw new ProblemException(Problem.NotFound("programme-not-found", $"There is no programme '{programmeId}' (a new programme reaches Disbursement a moment after it is defined)."));
        return await writes.CommitAsync(table, RunRows.Partition(programmeId, year), call, async ct =>
        {
            var now = clock.GetUtcNow();
            var today = BusinessDate.InAmsterdam(now);
            var facts = new List<RegionYearFacts>(programme.Regions.Count);
            foreach (var regionId in programme.Regions) facts.Add((await DisbursementStore.FactsAsync(table, programmeId, year, regionId, today, ct)));
            var run = IssueRuns.Plan(RunRows.NewRunId(programmeId, year), programme, year, yearClosed: await ClosedYearRows.IsClosedAsync(table, programmeId, year, ct), facts, now);
            var write = new PartitionWrite(RunRows.Partition(programmeId, year)).Insert(RunRows.ToEntity(run, call.Caller.Name));
            foreach (var regionId in run.QueuedRegionIds)
            {
                var command = EventEnvelope.Create(CommandTypes.IssueTranche, new IssueTranche(run.RunId, programmeId, year, regionId), now, regionId,
                    programmeId, call.CorrelationId, call.InvocationId, call.Actor);
                write.Publish(new OutboxMessage(IssuingQueue, command));
            }
            var response = HttpResult.Json(202, RunView.From(run)) with
            {
                Headers = new Dictionary<string, string> { ["Location"] = $"/api/tranche-runs/{run.RunId}" },
            };
            return new WritePlan(write, [], response);
        }, cancellationToken);
    }
}
