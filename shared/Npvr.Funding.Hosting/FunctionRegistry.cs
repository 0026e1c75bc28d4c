namespace Npvr.Funding.Hosting;

/// <summary>Function name to handler. function.json folders are the truth; the registry must match them exactly.</summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, IFunction> _byName;

    public FunctionRegistry(IEnumerable<IFunction> functions)
    {
        _byName = new Dictionary<string, IFunction>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in functions)
        {
            if (!_byName.TryAdd(function.Name, function))
                throw new InvalidOperationException($"Two handlers are registered for function '{function.Name}'.");
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IFunction? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Fails when a function.json has no handler or a handler has no function.json.</summary>
    public void EnsureMatches(string appDirectory)
    {
        var declared = FunctionFolders.Names(appDirectory);
        var missingHandlers = declared.Where(n => !_byName.ContainsKey(n)).ToList();
        var missingJson = _byName.Keys.Where(n => !declared.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missingHandlers.Count == 0 && missingJson.Count == 0) return;
        throw new InvalidOperationException(
            $"Functions of {appDirectory} do not match their handlers. Without handler: [{string.Join(", ", missingHandlers)}]; without function.json: [{string.Join(", ", missingJson)}].");
    }
}

/// <summary>The function folders of an app: every direct subfolder that holds a function.json.</summary>
public static class FunctionFolders
{
    public static IReadOnlyList<string> Names(string appDirectory) =>
        Directory.EnumerateDirectories(appDirectory)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
}
