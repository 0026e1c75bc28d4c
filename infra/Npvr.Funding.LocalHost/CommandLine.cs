using System.Globalization;

namespace Npvr.Funding.LocalHost;

/// <summary>The local host's few switches.</summary>
internal sealed record CommandLine(bool Fresh, int Port, string? StorageConnectionString)
{
    public const string Usage = """
        usage: dotnet run --project infra/Npvr.Funding.LocalHost [-- [--fresh] [--port N] [--storage CONNECTION_STRING]]
          --fresh     start on empty local storage (deletes .localdata/azurite)
          --port N    serve on http://localhost:N (default 7071)
          --storage   use this Table Storage instead of starting Azurite (also: Storage__ConnectionString)
        """;

    public static CommandLine? Parse(string[] args)
    {
        var result = new CommandLine(false, 7071, Environment.GetEnvironmentVariable("Storage__ConnectionString"));
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh":
                    result = result with { Fresh = true };
                    break;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536:
                    result = result with { Port = port };
                    i++;
                    break;
                case "--storage" when i + 1 < args.Length:
                    result = result with { StorageConnectionString = args[++i] };
                    break;
                default:
                    return null;
            }
        }
        return result;
    }
}
