using System.Globalization;
using Azure.Data.Tables;
using Npvr.Funding.Contracts;
using Npvr.Funding.Domain;
using Npvr.Funding.Domain.Registration;

namespace Npvr.Funding.Registration;

/// <summary>
/// The Table form of a region's <see cref="KassierHead"/>: row "head" of the region's partition, written in the same
/// transaction as each designation. The candidates are JSON (the KassierDesignated form) spread over "Candidates00".."14":
/// a string property holds at most 32,768 UTF-16 units, and a head of two years of daily dates needs several.
/// </summary>
internal static class HeadRows
{
    public const string RowKey = "head";
    private const int MaxPartChars = 30_000;
    private const int MaxParts = 15;

    public static TableEntity ToEntity(string regionId, KassierHead head)
    {
        var json = FundingJson.Serialize(head.Candidates.Select(DesignationView.From).ToList());
        if (json.Length > MaxPartChars * MaxParts) throw new InvalidOperationException($"A head of {json.Length} characters does not fit one row.");
        var entity = new TableEntity(regionId, RowKey) { ["Designations"] = head.Designations };
        var parts = 0;
        for (var start = 0; start < json.Length; start += MaxPartChars)
            entity[Part(parts++)] = json.Substring(start, Math.Min(MaxPartChars, json.Length - start));
        entity["CandidateParts"] = parts;
        return entity;
    }

    public static KassierHead FromEntity(TableEntity entity)
    {
        var parts = entity.GetInt32("CandidateParts") ?? throw new InvalidOperationException($"Head of {entity.PartitionKey} has no candidates.");
        if (parts is < 1 or > MaxParts) throw new InvalidOperationException($"Head of {entity.PartitionKey} claims {parts} parts.");
        var json = string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(Part(i))
            ?? throw new InvalidOperationException($"Head of {entity.PartitionKey} lacks part {i}.")));
        var candidates = FundingJson.Deserialize<List<KassierDesignated>>(json).Select(ToDesignation).ToList();
        var designations = entity.GetInt64("Designations") ?? throw new InvalidOperationException($"Head of {entity.PartitionKey} has no count.");
        return new KassierHead(designations, candidates);
    }

    private static Designation ToDesignation(KassierDesignated d) => new(
        d.RegionId, OrganisationCode.Parse(d.OrganisationCode), d.OrganisationName, d.EffectiveFrom, d.ContactEmail, d.DesignatedAt, d.DesignatedBy);

    private static string Part(int index) => "Candidates" + index.ToString("D2", CultureInfo.InvariantCulture);
}
