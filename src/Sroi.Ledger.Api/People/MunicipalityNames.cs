using System.Collections.Frozen;
using System.Text.Json;

namespace Sroi.Ledger.Api.People;

/// <summary>A municipality of the shipped table: its CBS code and the name the pages show.</summary>
public sealed record Municipality(string Code, string Name);

/// <summary>
/// The municipalities by CBS code, from the table shipped with the service (People/municipalities.json: the 342 of CBS's
/// gebiedsindeling 2025, its "source" says where from). Display only: a code it does not list is shown as the code, so a
/// municipality formed later needs no release to work, only to be named.
/// </summary>
public static class MunicipalityNames
{
    private static readonly IReadOnlyList<Municipality> Table = Load();

    private static readonly FrozenDictionary<string, string> Names =
        Table.ToFrozenDictionary(m => m.Code, m => m.Name, StringComparer.Ordinal);

    public static string Of(string code) => Names.TryGetValue(code, out var name) ? name : code;

    public static IReadOnlyDictionary<string, string> All => Names;

    /// <summary>Every municipality of the table, by code (CBS's order).</summary>
    public static IReadOnlyList<Municipality> List => Table;

    private static Municipality[] Load()
    {
        var assembly = typeof(MunicipalityNames).Assembly;
        using var stream = assembly.GetManifestResourceStream(
            assembly.GetManifestResourceNames().Single(n => n.EndsWith(".People.municipalities.json", StringComparison.Ordinal)))!;
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("municipalities").EnumerateArray()
            .Select(m => new Municipality(m.GetProperty("code").GetString()!, m.GetProperty("name").GetString()!))
            .OrderBy(m => m.Code, StringComparer.Ordinal)];
    }
}
