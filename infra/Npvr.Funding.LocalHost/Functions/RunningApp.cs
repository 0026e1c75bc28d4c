using Microsoft.AspNetCore.Builder;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>A started app handler and the functions it serves.</summary>
internal sealed record RunningApp(string Name, WebApplication Handler, Uri HandlerUrl, IReadOnlyList<FunctionDefinition> Functions);
