using Newtonsoft.Json;

namespace Npvr.Funding.Contracts;

/// <summary>
/// Who caused an event (issue 11, point 13): a person signed in through App Service Authentication, named by Entra
/// object id and tenant id (null only for a caller whose principal carries none, which happens locally, never in Azure)
/// with their display name; or the system itself, for work no person started. An event caused by a message carries
/// the actor of the message that caused it (<see cref="EventEnvelope.Causes"/>), so a tranche issued by the saga names
/// the finance officer who issued the year. In an envelope a person's <see cref="Name"/> is a salted digest and the
/// clear name travels in <see cref="EventEnvelope.PersonalData"/> (issue 12, point 6).
/// </summary>
public sealed record Actor(string Kind, Guid? ObjectId, Guid? TenantId, string Name)
{
    public const string PersonKind = "person";
    public const string SystemKind = "system";

    /// <summary>
    /// The system's own actor: no app has a timer that raises events today (the outbox sweep republishes events as they
    /// were made); a message without an actor (made before issue 11) is answered in its name too.
    /// </summary>
    public static Actor System { get; } = new(SystemKind, null, null, "npvr-funding");

    public static Actor Person(Guid? objectId, Guid? tenantId, string name) => new(PersonKind, objectId, tenantId, name);

    [JsonIgnore]
    public bool IsPerson => Kind == PersonKind;
}
