using Microsoft.AspNetCore.Http;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>
/// Marks the endpoints the local host maps. The real host routes by route and method together, so a request whose
/// path matches a function but whose method it does not declare is 404 there; ASP.NET Core would answer 405.
/// </summary>
internal sealed class HostRoute
{
    public static HostRoute Marker { get; } = new();

    private HostRoute()
    {
    }

    /// <summary>Middleware after routing: an endpoint that is not ours is ASP.NET Core's 405 endpoint.</summary>
    public static Task NotFoundForOtherMethods(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<HostRoute>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
