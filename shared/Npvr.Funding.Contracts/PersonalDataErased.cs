namespace Npvr.Funding.Contracts;

/// <summary>
/// Journal record (Spending, <see cref="EventTypes.PersonalDataErased"/>): the clear values and salts kept beside these
/// entries of the region were erased on request (issue 12, point 6). Staged in the transaction that erased them, so
/// no erasure is silent; not published on the bus (no app keeps journal data). The subject is not named: the entries'
/// digests and object ids say whose values they were, and naming the subject would keep what was erased.
/// </summary>
public sealed record PersonalDataErased(string ErasureId, string RegionId, IReadOnlyList<long> Sequences, int Values, string Reason, DateTimeOffset ErasedAt);
