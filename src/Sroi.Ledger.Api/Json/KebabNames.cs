using System.Text.Json;

namespace Sroi.Ledger.Api.Json;

/// <summary>
/// An enum's kebab-case names (<c>set-by-procurement</c>) where no JSON is written or read: query parameters, read-table
/// columns, CSV cells, "one of …" in error messages. Spelt by the naming policy the JSON converter is given
/// (<see cref="LedgerJson"/>), so a query parameter, a column and a body say the same (KebabNamesTests compares them for
/// every enum the API serializes).
/// </summary>
public static class KebabNames<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName =
        Enum.GetValues<T>().ToDictionary(NameOf, value => value, StringComparer.Ordinal);

    public static string NameOf(T value) => LedgerJson.EnumNaming.ConvertName(value.ToString());

    /// <summary>Every value's name, in declaration order.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The value a name stands for, exactly (no other case, no C# name, no number); false for anything else.</summary>
    public static bool TryParse(string? name, out T value)
    {
        value = default;
        return name is not null && ByName.TryGetValue(name, out value);
    }
}
