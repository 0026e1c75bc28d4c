using System.Text;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>What the local host serves, for the console and GET /.</summary>
internal static class Banner
{
    public static string Describe(IEnumerable<RunningApp> apps, string? baseUrl = null)
    {
        var text = new StringBuilder();
        foreach (var app in apps)
        {
            text.AppendLine(app.Name);
            foreach (var f in app.Functions)
            {
                var what = f.IsHttp ? $"{string.Join(",", f.Methods)} {baseUrl}/api/{f.Route}"
                    : f.IsServiceBus ? $"serviceBusTrigger {f.TriggerEntityPath}"
                    : f.IsTimer ? $"timerTrigger {f.Schedule}"
                    : f.TriggerType;
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {f.Name}: {what}");
            }
        }
        return text.ToString();
    }
}
