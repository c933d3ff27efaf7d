using System.Collections.Frozen;
using System.Text.Json;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// The names of the municipalities by CBS code, from the small table shipped with the service
/// (People/municipalities.json: the Haaglanden and Holland Rijnland members). Display only: a code it does not list is
/// shown as the code, so a municipality joining later needs no release to work, only to be named.
/// </summary>
public static class MunicipalityNames
{
    private static readonly FrozenDictionary<string, string> Names = Load();

    public static string Of(string code) => Names.TryGetValue(code, out var name) ? name : code;

    public static IReadOnlyDictionary<string, string> All => Names;

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(MunicipalityNames).Assembly;
        using var stream = assembly.GetManifestResourceStream(
            assembly.GetManifestResourceNames().Single(n => n.EndsWith(".People.municipalities.json", StringComparison.Ordinal)))!;
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("municipalities").EnumerateObject()
            .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
