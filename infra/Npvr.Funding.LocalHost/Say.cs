using System.Globalization;

namespace Npvr.Funding.LocalHost;

/// <summary>The host's own console lines, time-stamped like its log lines.</summary>
internal static class Say
{
    public const string TimestampFormat = "HH:mm:ss.fff ";

    public static void Line(string text) => Console.WriteLine(DateTime.Now.ToString(TimestampFormat, CultureInfo.InvariantCulture) + text);
}
