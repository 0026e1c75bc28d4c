using Microsoft.Extensions.Configuration;

namespace Npvr.Funding.Hosting;

/// <summary>
/// Fail closed in Azure (issue 11 point 12). The apps trust X-MS-CLIENT-PRINCIPAL only because App Service
/// Authentication strips that header from outside requests and sets it itself ("External requests aren't allowed to set
/// these headers, so they're present only if set by App Service": learn.microsoft.com, configure-authentication-user-identities).
/// With authentication off, anyone could send it. So where the app runs in App Service (WEBSITE_SITE_NAME is set), every
/// HTTP call is refused unless the platform reports authentication on (WEBSITE_AUTH_ENABLED=True, which App Service
/// injects and bicep never sets) and the call carries the identity-provider header only the platform sets. The local
/// host runs outside App Service: there the header is sent by hand, as the README says.
/// </summary>
public sealed class PlatformAuthentication(IConfiguration configuration)
{
    public const string IdentityProviderHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>The identity provider App Service Authentication names for Entra ID.</summary>
    public const string EntraProvider = "aad";

    private readonly bool _inAppService = !string.IsNullOrEmpty(configuration["WEBSITE_SITE_NAME"]);
    private readonly bool _enabled = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "True", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether calls are checked at all: only in App Service (elsewhere nothing is read per call).</summary>
    public bool Enforced => _inAppService;

    /// <summary>Why the call cannot be trusted to carry a platform-made principal, or null when it can.</summary>
    public Problem? Refusal(FunctionHttpRequest request)
    {
        if (!_inAppService) return null;
        if (!_enabled)
            return new Problem("unauthenticated", "Not signed in.", 401, "This deployment does not enforce sign-in, so no caller can be trusted; nothing is served until it does.");
        if (!string.Equals(request.Header(IdentityProviderHeader), EntraProvider, StringComparison.OrdinalIgnoreCase))
            return new Problem("unauthenticated", "Not signed in.", 401, "The call did not pass the platform's Entra ID sign-in.");
        return null;
    }
}
