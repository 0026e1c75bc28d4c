namespace Npvr.Funding.Contracts.PersonalData;

/// <summary>
/// Marks a string member of an event's data as a person's name or e-mail address (issue 12, point 6): the producer
/// puts a salted digest in the event and the clear value beside it (<see cref="EventEnvelope.PersonalData"/>), so the
/// journal hashes only the digest and the value can be erased later. Organisation names and codes are not marked.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class PersonalDataAttribute(string kind) : Attribute
{
    /// <summary><see cref="Person"/> value naming the event's actor (the *By fields hold the acting caller's name).</summary>
    public const string TheActor = "actor";

    /// <summary><see cref="PersonalValue.NameKind"/> or <see cref="PersonalValue.EmailKind"/>.</summary>
    public string Kind { get; } = kind;

    /// <summary>
    /// Whose value it is, for erasure by object id: <see cref="TheActor"/>, or the name of a Guid member of the same
    /// data holding the person's object id. Null for an e-mail address, which identifies its person by itself.
    /// </summary>
    public string? Person { get; init; }
}
