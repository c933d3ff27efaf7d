using System.Globalization;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>
/// The notation the pages must show, written out here independently of the browser's Intl (the test host runs with
/// invariant globalisation): € 1.234,56; 13,7%; 1.731; 30-06-2024.
/// </summary>
public static class Dutch
{
    public static string Euro(decimal amount) => "€ " + (amount < 0 ? "-" : "") + Swap(Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture));

    public static string Count(long n) => Swap(n.ToString("#,0", CultureInfo.InvariantCulture));

    public static string Percent(decimal? p) => p is { } value ? Swap(value.ToString("0.0", CultureInfo.InvariantCulture)) + "%" : "–";

    public static string Date(string iso) => $"{iso[8..10]}-{iso[5..7]}-{iso[..4]}";

    /// <summary>Invariant 1,234.56 to Dutch 1.234,56.</summary>
    private static string Swap(string invariant) => invariant.Replace(',', '\u0001').Replace('.', ',').Replace('\u0001', '.');
}
