using Npvr.Funding.Contracts.Spending;

namespace Npvr.Funding.Spending;

/// <summary>
/// An import job as GET /regions/{regionId}/spending/imports/{importId} shows it: its status (checking, writing,
/// completed, rejected, failed), progress (records written or found already recorded, of all records) and, for a
/// rejected or failed job, every refused line.
/// </summary>
public sealed record ImportView(
    string ImportId,
    string RegionId,
    string Status,
    int Records,
    int Written,
    int AlreadyRecorded,
    int Processed,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? CompletedAt,
    int? BadLines,
    long? TotalErrors,
    IReadOnlyList<ImportLineError>? Errors)
{
    internal static ImportView From(ImportHeader h, int written, int alreadyRecorded, IReadOnlyList<CsvLineError>? errors) => new(
        h.ImportId, h.RegionId, h.Status, h.Records, written, alreadyRecorded, written + alreadyRecorded, h.CreatedAt, h.CreatedBy, h.CompletedAt,
        errors is null ? null : h.BadLines, errors is null ? null : h.TotalErrors,
        errors?.Select(e => new ImportLineError(e.Line, e.Column, e.Type, e.Reason)).ToList());
}

/// <summary>One refused line, as the synchronous 400 answer lists them.</summary>
public sealed record ImportLineError(long Line, string Column, string Type, string Reason);
