using System.Text.Json;
using Npvr.Funding.Contracts.PersonalData;

namespace Npvr.Funding.Contracts.Journal;

/// <summary>
/// What an auditor checks of the personal values kept beside an entry: each names a digest in the entry's content, and
/// each value not erased hashes with its salt to exactly that digest (SHA-256(salt || value)); an erased value holds
/// neither salt nor value. The chain itself never depends on them: erasing leaves every hash as it was.
/// </summary>
public static class PersonalDataCheck
{
    /// <summary>Null when the values agree with the content; else a sentence naming the first that does not.</summary>
    public static string? Problem(string content, IReadOnlyList<KeptPersonalValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        if (values.Count > PersonalValue.MaxPerEvent) return $"it keeps {values.Count} personal values beside it, more than {PersonalValue.MaxPerEvent}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException)
        {
            return "its content is not JSON, so its personal values name nothing";
        }
        using (document)
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in values)
            {
                if (value.Path is not { Length: > 0 and <= KeptPersonalValue.MaxPathLength } path || !paths.Add(path)) return "a personal value beside it has no path or repeats one";
                if (!PersonalValue.IsKind(value.Kind)) return $"its personal value at {path} is of an unknown kind";
                var digest = JsonPointer.StringAt(document.RootElement, path);
                if (!PersonalDigest.IsDigest(digest)) return $"its content holds no digest at {path}";
                if (value.Erased is not null)
                {
                    if (value.Salt is not null || value.Value is not null) return $"its personal value at {path} is marked erased but is still kept";
                    continue;
                }
                if (!PersonalDigest.IsSalt(value.Salt) || value.Value is null) return $"its personal value at {path} has no valid salt or value";
                if (PersonalDigest.Of(value.Salt!, value.Value) != digest) return $"its personal value at {path} does not hash to the digest in its content";
            }
        }
        return null;
    }
}
