using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Regions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Issue 21: the regions a regional coordinator (<see cref="Role.Regiocoordinator"/>) is bound to, on a key or in a
/// person's token. Shipped region codes only (<see cref="ShippedRegions"/>), each once; every other role has none, so that
/// a region never widens what a municipality's key reads.
/// </summary>
public static class RegionBinding
{
    public const string Field = "regions";

    /// <summary>A key request's regions: required and checked for a coordinator, refused for every other role (400).</summary>
    public static IReadOnlyList<string>? Read(Role? role, IReadOnlyList<string>? regions, FieldErrors errors)
    {
        if (role is null) return null;
        if (role != Role.Regiocoordinator)
        {
            if (regions is not null) errors.Add(Field, "Only a key of role regiocoordinator is bound to regions.");
            return null;
        }
        if (regions is null || regions.Count == 0)
        {
            errors.Add(Field, "Required for role regiocoordinator: one or more region codes (GET /regions).");
            return null;
        }
        var faults = new List<string>();
        for (var i = 0; i < regions.Count; i++)
        {
            if (ShippedRegions.Find(regions[i] ?? "") is null) faults.Add($"[{i}] '{regions[i]}' is not a region (GET /regions lists them).");
            else if (regions.Take(i).Contains(regions[i], StringComparer.Ordinal)) faults.Add($"[{i}] {regions[i]} is named twice.");
        }
        foreach (var fault in faults) errors.Add(Field, fault);
        return faults.Count > 0 ? null : regions;
    }

    /// <summary>A token's region claims: the coordinator's regions when every value is a shipped region, else null (no role).</summary>
    public static IReadOnlyList<string>? FromClaims(IEnumerable<string> values)
    {
        var regions = values.Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return regions.Count > 0 && regions.All(r => ShippedRegions.Find(r) is not null) ? regions : null;
    }
}
