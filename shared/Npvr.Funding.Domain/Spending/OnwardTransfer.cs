namespace Npvr.Funding.Domain.Spending;

/// <summary>
/// The body an entry of category onward-transfer passes the money on to, e.g. a Wgr public body (domain.md).
/// <see cref="KvkNumber"/> is its Chamber of Commerce number (8 digits) where it has one.
/// </summary>
public sealed record OnwardTransfer(string Name, string? KvkNumber);

/// <summary>An onward transfer as received: anything may be missing.</summary>
public sealed record OnwardTransferInput(string? Name, string? KvkNumber);
