using System.Text.Json;
using NodaTime.Text;
using Sroi.Ledger.Domain.Regions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Regions;

/// <summary>
/// The regions shipped with the service (Regions/regions.json), each with its versions. Data in the release rather than a
/// stream: a region belongs to no municipality, and every stream lives in a municipality's tenant (its chain, its keys).
/// A version is never edited; what a contract was judged against is the version id its event records.
/// </summary>
public static class ShippedRegions
{
    public static IReadOnlyList<RegionHistory> All { get; } = Load();

    public static RegionHistory? Find(string code) => All.FirstOrDefault(r => r.Code == code);

    private static RegionHistory[] Load()
    {
        var assembly = typeof(ShippedRegions).Assembly;
        using var stream = assembly.GetManifestResourceStream(
            assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Regions.regions.json", StringComparison.Ordinal)))!;
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("regions").EnumerateArray().Select(region =>
        {
            var code = region.GetProperty("code").GetString()!;
            return new RegionHistory(code, [.. region.GetProperty("versions").EnumerateArray().Select(v => new RegionVersion(code,
                v.GetProperty("version").GetInt32(),
                LocalDatePattern.Iso.Parse(v.GetProperty("effectiveFrom").GetString()!).Value,
                v.GetProperty("name").GetString()!,
                [.. v.GetProperty("members").EnumerateArray().Select(m => MunicipalityCode.Parse(m.GetString()!))]))]);
        }).OrderBy(r => r.Code, StringComparer.Ordinal)];
    }
}
