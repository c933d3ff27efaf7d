using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Regions;

/// <summary>
/// One version of a region (an arbeidsmarktregio): its members from <paramref name="EffectiveFrom"/> on. Like a policy
/// version it is never edited: a municipality joining or leaving is a new version, and a regional contract records the
/// version its participants were judged against.
/// </summary>
/// <param name="Code">The region's stable code, e.g. <c>haaglanden</c>.</param>
/// <param name="Version">Counts from 1 per region; <see cref="Id"/> names it in events.</param>
public sealed record RegionVersion(string Code, int Version, LocalDate EffectiveFrom, string Name, IReadOnlyList<MunicipalityCode> Members)
{
    /// <summary>The version as events record it: <c>haaglanden.v1</c>.</summary>
    public string Id => $"{Code}.v{Version}";

    public bool Includes(MunicipalityCode municipality) => Members.Contains(municipality);
}

/// <summary>Every version of one region; answers which one is in force on a date (as <see cref="Policies.SroiPolicyHistory"/> does).</summary>
public sealed record RegionHistory(string Code, IReadOnlyList<RegionVersion> Versions)
{
    public RegionVersion? InForceOn(LocalDate date) => Versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom);

    /// <summary>The newest version: what a region is today, for the list.</summary>
    public RegionVersion Current => Versions.MaxBy(v => v.EffectiveFrom)!;
}
