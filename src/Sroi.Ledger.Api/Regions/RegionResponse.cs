using NodaTime;
using Sroi.Ledger.Api.People;
using Sroi.Ledger.Domain.Regions;

namespace Sroi.Ledger.Api.Regions;

/// <summary>A region as it is today (its newest version), with every version it had.</summary>
public sealed record RegionResponse(string Code, string Name, string Version, LocalDate EffectiveFrom, IReadOnlyList<Municipality> Members,
    IReadOnlyList<RegionVersionResponse> Versions)
{
    public static RegionResponse From(RegionHistory history)
    {
        var current = history.Current;
        return new(history.Code, current.Name, current.Id, current.EffectiveFrom, MembersOf(current),
            [.. history.Versions.OrderBy(v => v.EffectiveFrom).Select(v => new RegionVersionResponse(v.Id, v.EffectiveFrom, v.Name, MembersOf(v)))]);
    }

    internal static IReadOnlyList<Municipality> MembersOf(RegionVersion version) =>
        [.. version.Members.Select(m => new Municipality(m.Value, MunicipalityNames.Of(m.Value)))];
}

/// <param name="Version">The id a regional contract's event records, e.g. <c>haaglanden.v1</c>.</param>
public sealed record RegionVersionResponse(string Version, LocalDate EffectiveFrom, string Name, IReadOnlyList<Municipality> Members);
