using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Reports.Periods;

/// <summary>
/// <c>?from=2021</c> or <c>?from=2021-03-01</c>: a year (four digits, the placements report's range of years as before) or
/// an ISO date. Which one the text is decides how the report reads it, so the document declares the pattern of both.
/// </summary>
public readonly partial record struct QueryYearOrDate(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.String, Pattern = @"^\d{4}(-\d{2}-\d{2})?$",
        Description = "A year (2021) or a date (2021-03-01); from and to are both years or both dates.",
    };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryYearOrDate value) { value = new(text ?? ""); return text is not null; }

    /// <summary>Four digits: a year, not a date.</summary>
    public bool IsYear => YearText().IsMatch(Text);

    public int? ReadYear(string name, FieldErrors errors) =>
        new QueryWholeNumber(Text).Read(name, ReportPeriod.FirstYear, ReportPeriod.LastYear, errors,
            $"A year from {ReportPeriod.FirstYear} to {ReportPeriod.LastYear}, or a date as yyyy-MM-dd.");

    public LocalDate? ReadDate(string name, FieldErrors errors) =>
        new QueryDate(Text).Read(name, errors, "A year (2021) or a date as yyyy-MM-dd (2021-03-01).");

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearText();
}

/// <summary><c>?quarter=2021-Q1</c> (kwartaal) or <c>?half=2021-H1</c> (halfjaar): a part of a year.</summary>
public readonly record struct QueryQuarter(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Pattern = @"^\d{4}-Q[1-4]$" };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryQuarter value) { value = new(text ?? ""); return text is not null; }

    public ReportPeriod? Read(string name, FieldErrors errors) => YearPart.Read(Text, 'Q', 4, name, errors, "2021-Q1");
}

/// <summary><c>?half=2021-H1</c>: January to June, or (H2) July to December.</summary>
public readonly record struct QueryHalf(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Pattern = @"^\d{4}-H[12]$" };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryHalf value) { value = new(text ?? ""); return text is not null; }

    public ReportPeriod? Read(string name, FieldErrors errors) => YearPart.Read(Text, 'H', 2, name, errors, "2021-H1");
}

/// <summary>Part <c>n</c> of <c>parts</c> equal parts of a year, written <c>yyyy-Xn</c>.</summary>
internal static class YearPart
{
    public static ReportPeriod? Read(string text, char letter, int parts, string name, FieldErrors errors, string example)
    {
        var message = $"Expected yyyy-{letter}1 to yyyy-{letter}{parts}, e.g. {example}, a year from {ReportPeriod.FirstYear} to {ReportPeriod.LastYear}.";
        var part = text.Length == 7 ? text[6] - '0' : 0;
        if (text.Length != 7 || text[4] != '-' || text[5] != letter || part < 1 || part > parts
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < ReportPeriod.FirstYear or > ReportPeriod.LastYear)
        {
            errors.Add(name, message);
            return null;
        }
        var months = 12 / parts;
        var first = new LocalDate(year, (part - 1) * months + 1, 1);
        return new ReportPeriod(first, first.PlusMonths(months).PlusDays(-1), ReportPeriodKind.PartOfYear);
    }
}
