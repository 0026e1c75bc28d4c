namespace Npvr.Funding.Domain;

public sealed record Region(string Id, string Name);

/// <summary>The 11 regions of the Nationaal Programma Vitale Regio's (Kamerbrief 2024-12-20).</summary>
public static class Regions
{
    public static IReadOnlyList<Region> All { get; } =
    [
        new("kop-van-noord-holland", "Kop van Noord-Holland"),
        new("noard-fryslan", "Noard-Fryslân"),
        new("zuidoost-fryslan", "Zuidoost-Fryslân"),
        new("noordoost-groningen", "Noordoost-Groningen"),
        new("zuidoost-drenthe", "Zuidoost-Drenthe"),
        new("twente", "Twente"),
        new("achterhoek", "Achterhoek"),
        new("noord-limburg", "Noord-Limburg"),
        new("midden-limburg", "Midden-Limburg"),
        new("zuid-limburg", "Zuid-Limburg"),
        new("zeeuws-vlaanderen", "Zeeuws-Vlaanderen"),
    ];

    private static readonly Dictionary<string, Region> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static Region? Find(string? id) => id is not null && ById.TryGetValue(id, out var region) ? region : null;

    public static bool Exists(string? id) => Find(id) is not null;

    /// <summary>The region, or a NotFound refusal (404 on the routes that name a region).</summary>
    public static Region Require(string? id) =>
        Find(id) ?? throw new DomainException(DomainError.NotFound("region-not-found", $"There is no region '{id}'."));
}
