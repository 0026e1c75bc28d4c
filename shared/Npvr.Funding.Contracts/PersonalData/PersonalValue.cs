using System.Globalization;
using Newtonsoft.Json;

namespace Npvr.Funding.Contracts.PersonalData;

/// <summary>
/// A person's name or e-mail address as an event carries it beside its hashed part (issue 12, point 6): the JSON
/// pointer (RFC 6901) of the member that holds its digest, what kind of value it is, whose it is (Entra object id, when
/// known), the salt and the clear value. The journal keeps it beside the entry (<see cref="Journal.KeptPersonalValue"/>).
/// </summary>
public sealed record PersonalValue(string Path, string Kind, Guid? ObjectId, string Salt, string Value)
{
    public const string NameKind = "name";
    public const string EmailKind = "email";

    /// <summary>More than this in one event is not an event of this system (the most today is three: actor, *By, e-mail).</summary>
    public const int MaxPerEvent = 16;

    [JsonIgnore]
    public string Digest => PersonalDigest.Of(Salt, Value);

    public static bool IsKind(string? kind) => kind is NameKind or EmailKind;
}

/// <summary>
/// The keys an erasure request finds a person's values by: "object-id:{guid}" for every value of a known person,
/// "email:{address, trimmed, lower-case}" for an e-mail address. A name without an object id has no key: names are not
/// unique, so nobody can ask for "all values named Jansen" to be erased.
/// </summary>
public static class PersonalSubject
{
    public static string ObjectId(Guid objectId) => "object-id:" + objectId.ToString("D", CultureInfo.InvariantCulture);

    public static string Email(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return "email:" + address.Trim().ToLowerInvariant();
    }

    public static IReadOnlyList<string> KeysOf(string kind, Guid? objectId, string? value)
    {
        var keys = new List<string>(2);
        if (objectId is { } id) keys.Add(ObjectId(id));
        if (kind == PersonalValue.EmailKind && value is not null) keys.Add(Email(value));
        return keys;
    }

    /// <summary>The index name of a key (SHA-256 hex): row keys never show an e-mail address or an object id in clear.</summary>
    public static string Hash(string key) => Hashing.Sha256Hex("npvr-funding/personal-subject\n" + key);
}
