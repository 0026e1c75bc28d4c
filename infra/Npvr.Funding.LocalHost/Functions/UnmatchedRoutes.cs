using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// In Azure each app has its own host name, so each app's catch-all function answers what none of its routes match.
/// Here every app shares one front, so one catch-all endpoint stands for all of them: a path that another route of
/// some app matches (a method it does not declare) goes to that app's catch-all, so its 405 names the right methods;
/// any other path goes to the first app's. ASP.NET Core's route precedence makes a catch-all the last candidate.
/// </summary>
internal static class UnmatchedRoutes
{
    public static void Map(WebApplication front, IReadOnlyList<RunningApp> apps, HandlerInvoker invoker)
    {
        var catchAlls = apps.SelectMany(app => app.Functions.Where(f => f.IsCatchAll).Select(f => (App: app, Function: f))).ToList();
        if (catchAlls.Count == 0) return;
        var route = catchAlls[0].Function.Route;
        if (catchAlls.Any(c => c.Function.Route != route))
            throw new InvalidOperationException($"The apps' catch-all routes differ ({string.Join(", ", catchAlls.Select(c => c.Function.Route).Distinct())}); one front serves one.");
        var routesOf = catchAlls.ToDictionary(c => c.App.Name, c => c.App.Functions.Where(f => f.IsHttp && !f.IsCatchAll)
            .Select(f => new TemplateMatcher(TemplateParser.Parse(f.Route), new RouteValueDictionary())).ToList());
        var methods = catchAlls.SelectMany(c => c.Function.Methods).Distinct(StringComparer.Ordinal).ToList();
        front.MapMethods("/api/" + route, methods, ctx =>
        {
            var path = ctx.Request.Path.Value is { } value && value.StartsWith("/api", StringComparison.Ordinal) ? new PathString(value[4..]) : ctx.Request.Path;
            var matched = catchAlls.FindIndex(c => routesOf[c.App.Name].Any(m => m.TryMatch(path, new RouteValueDictionary())));
            var (app, function) = catchAlls[Math.Max(matched, 0)];
            return HttpTriggerEndpoint.HandleAsync(ctx, function, app.HandlerUrl, invoker);
        }).WithMetadata(HostRoute.Marker);
    }
}
