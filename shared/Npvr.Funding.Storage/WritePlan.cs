using Npvr.Funding.Contracts;
using Npvr.Funding.Hosting;

namespace Npvr.Funding.Storage;

/// <summary>What a decision wants written: state rows (in <see cref="Write"/>), the events it raised, and the caller's answer.</summary>
public sealed record WritePlan(PartitionWrite Write, IReadOnlyList<EventEnvelope> Events, HttpResult Response);
