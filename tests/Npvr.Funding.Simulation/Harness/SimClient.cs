using System.Net;
using Newtonsoft.Json.Linq;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Simulation.Workload;

namespace Npvr.Funding.Simulation.Harness;

/// <summary>
/// Sends the workload's calls as a user's client would (resending some, with or without their Idempotency-Key) and
/// holds every answer to the rules of the contract: docs/openapi.yaml (<see cref="ContractCheck"/>, through
/// <see cref="FundingApi"/>; a breach ends the seed), no 5xx unless a crash was injected into that very request (a
/// 503 write-contention, documented and retryable, is counted, not a failure), and every 2xx answer to one
/// Idempotency-Key the same as the first.
/// </summary>
internal sealed class SimClient(SimSystem system, Findings findings)
{
    private readonly Dictionary<string, ApiResponse> _firstSuccess = new(StringComparer.Ordinal);
    private int _requests;
    private int _crashAnswers;
    private int _contention;

    public int Requests => _requests;

    /// <summary>500s answered to requests a crash was injected into.</summary>
    public int CrashAnswers => _crashAnswers;

    /// <summary>503 write-contention answers.</summary>
    public int Contention => _contention;

    /// <summary>Sends the call (and its resend); the first answer is returned.</summary>
    public async Task<ApiResponse> RunAsync(Call call)
    {
        switch (call.Resend)
        {
            case Resend.Concurrently:
                var both = await Task.WhenAll(SendAsync(call, crash: false), SendAsync(call, crash: false));
                return both[0];
            case Resend.After:
                var first = await SendAsync(call, crash: false);
                await SendAsync(call, crash: false);
                return first;
            default:
                return await SendAsync(call, crash: false);
        }
    }

    /// <summary>
    /// The call with a crash injected after its handler's write and before its reply (run alone, so the 500 is its
    /// own), then the client's retry: with the same Idempotency-Key when the call has one, else a plain resend.
    /// </summary>
    /// <returns>The retry's answer.</returns>
    /// <exception cref="InvalidOperationException">The crash did not happen (the request never reached its handler).</exception>
    public async Task<ApiResponse> RunWithCrashAsync(Call call)
    {
        var function = system.FunctionFor(call.Method, call.Path);
        system.Host.Faults.CrashAfterWriteBeforeReply(function);
        await SendAsync(call, crash: true);
        if (system.Host.Faults.PendingCrashes(function) != 0)
            throw new InvalidOperationException($"The crash injected into {function} did not happen on {call.Method} {call.Path}.");
        return await SendAsync(call, crash: false);
    }

    private async Task<ApiResponse> SendAsync(Call call, bool crash)
    {
        Interlocked.Increment(ref _requests);
        var answer = call.IsCsv
            ? await system.Api.PostCsvAsync(call.Path, call.Principal, call.Body ?? "")
            : await system.Api.SendAsync(call.Method, call.Path, call.Principal, call.Body, call.IdempotencyKey);
        findings.Check(true, "http-contract", () => ""); // FundingApi checked it against docs/openapi.yaml (a breach throws)
        CheckServerError(call, answer, crash);
        if (call.IdempotencyKey is { } key && (int)answer.Status is >= 200 and < 300) CheckReplay(call, key, answer);
        return answer;
    }

    private void CheckServerError(Call call, ApiResponse answer, bool crash)
    {
        var status = (int)answer.Status;
        if (crash && status == 500 && answer.Body.Length == 0)
        {
            Interlocked.Increment(ref _crashAnswers);
            findings.Check(true, "no-5xx", () => "");
            return;
        }
        if (status == 503 && ProblemType(answer) == "write-contention")
        {
            Interlocked.Increment(ref _contention);
            findings.Check(true, "no-5xx", () => "");
            return;
        }
        findings.Check(status < 500, "no-5xx", () => $"{call.Label}: {call.Method} /api/{call.Path} answered {answer} with no crash injected into it"
            + (CorrelationId(answer) is { } id && system.ServerErrors.For(id) is { } logged ? $"; the app logged: {logged.Split('\n')[0].Trim()}" : ""));
    }

    private void CheckReplay(Call call, string key, ApiResponse answer)
    {
        ApiResponse first;
        lock (_firstSuccess)
        {
            if (!_firstSuccess.TryGetValue(key, out first!))
            {
                _firstSuccess[key] = answer;
                return;
            }
        }
        findings.Check(first.Status == answer.Status && first.Body == answer.Body, "idempotent-replay",
            () => $"{call.Label}: {call.Method} /api/{call.Path} with Idempotency-Key {key} answered {first} first and {answer} on a replay");
    }

    private static string? CorrelationId(ApiResponse answer) =>
        System.Text.RegularExpressions.Regex.Match(answer.Body, "correlation id ([0-9a-f-]{36})", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m
            ? m.Groups[1].Value : null;

    private static string? ProblemType(ApiResponse answer)
    {
        if (answer.MediaType != "application/problem+json") return null;
        try
        {
            return (string?)answer.Json["type"];
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }

    /// <summary>A GET the simulator itself makes to read state (not a user's request): it must answer 200.</summary>
    public async Task<JObject> ReadAsync(string path, string principal)
    {
        Interlocked.Increment(ref _requests);
        var answer = await system.Api.GetAsync(path, principal);
        if (answer.Status != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET /api/{path} answered {answer}.");
        return answer.Json;
    }

    public async Task<ApiResponse> GetAsync(string path, string principal)
    {
        Interlocked.Increment(ref _requests);
        var answer = await system.Api.GetAsync(path, principal);
        CheckServerError(new Call("read", HttpMethod.Get, path, principal, null, null, []), answer, crash: false);
        return answer;
    }
}
