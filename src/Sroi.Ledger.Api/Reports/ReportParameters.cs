using System.ComponentModel;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Reports.Periods;
using Sroi.Ledger.Domain.Ambitions;

namespace Sroi.Ledger.Api.Reports;

/// <summary><c>?year=</c> of a yearly report.</summary>
public sealed record YearQuery([property: Description("The year, 2000 to 2100 (required).")] QueryWholeNumber? Year)
{
    public int? Read(FieldErrors errors) => ReportParameters.Year(Year, "year", errors);
}

/// <summary><c>?year=</c>, or <c>?from=</c> and <c>?to=</c> years (inclusive), of the export command's placements report.</summary>
public sealed record YearsQuery(
    [property: Description("The year, 2000 to 2100; or give from and to instead.")] QueryWholeNumber? Year,
    [property: Description("The first year of a range (with to): a row per year plus a total.")] QueryWholeNumber? From,
    [property: Description("The last year of a range (with from), at most 50 years after from.")] QueryWholeNumber? To)
{
    public (int From, int To, bool IsRange)? Read(FieldErrors errors) => ReportParameters.Years(this, errors);
}

/// <summary>
/// The period of a placement report: <c>?year=</c>, <c>?from=&amp;to=</c> (both years, or both dates), <c>?quarter=</c>
/// or <c>?half=</c>; exactly one of these.
/// </summary>
public sealed record PeriodQuery
{
    [Description("The year, 2000 to 2100; or give from and to, quarter or half instead.")]
    public QueryWholeNumber? Year { get; init; }

    [Description("The first year (2021) or the first date (2021-03-01, inclusive) of the period, with to; years give the placements report a row per year plus a total.")]
    public QueryYearOrDate? From { get; init; }

    [Description("The last year or date of the period (inclusive), with from, of the same kind; at most 50 years after from.")]
    public QueryYearOrDate? To { get; init; }

    [Description("A quarter (kwartaal), e.g. 2021-Q1: January to March.")]
    public QueryQuarter? Quarter { get; init; }

    [Description("A half-year (halfjaar), e.g. 2021-H2: July to December.")]
    public QueryHalf? Half { get; init; }

    public ReportPeriod? Read(FieldErrors errors) => ReportParameters.Period(this, errors);
}

/// <summary><c>?asOf=</c> of the trede distribution, the benefit stock and the caseload.</summary>
public sealed record AsOfQuery
{
    [Description("The date the distribution is taken on (required), e.g. 2020-12-31.")]
    public QueryDate? AsOf { get; init; }

    public LocalDate? Read(FieldErrors errors) => ReportParameters.Date(AsOf, "asOf", errors);
}

/// <summary>Reading a report's parameters (for the endpoints and the export command alike); every bad value is a 400 naming the parameter.</summary>
public static class ReportParameters
{
    /// <summary>The widest range one report covers, so a request cannot ask for a thousand years.</summary>
    public const int MaxYears = ReportPeriod.MaxYears;

    public static int? Year(QueryWholeNumber? value, string name, FieldErrors errors, bool required = true)
    {
        if (value is not { Text.Length: > 0 } year)
        {
            if (required) errors.Add(name, "Required, e.g. 2021.");
            return null;
        }
        return year.Read(name, AmbitionDecider.FirstYear, AmbitionDecider.LastYear, errors,
            $"A year from {AmbitionDecider.FirstYear} to {AmbitionDecider.LastYear}.");
    }

    public static LocalDate? Date(QueryDate? value, string name, FieldErrors errors)
    {
        if (value is not { Text.Length: > 0 } date) { errors.Add(name, "Required, e.g. 2020-12-31."); return null; }
        return date.Read(name, errors, "Expected a date as yyyy-MM-dd.");
    }

    /// <summary><c>year</c>, or <c>from</c> and <c>to</c> years (inclusive): <see cref="Period"/>, for a caller that names years only.</summary>
    public static (int From, int To, bool IsRange)? Years(YearsQuery query, FieldErrors errors) =>
        Period(new PeriodQuery { Year = query.Year, From = AsYear(query.From), To = AsYear(query.To) }, errors) is { } period
            ? (period.From.Year, period.To.Year, period.Kind == ReportPeriodKind.Years)
            : null;

    private static QueryYearOrDate? AsYear(QueryWholeNumber? value) => value is { } year ? new QueryYearOrDate(year.Text) : null;

    /// <summary>
    /// The period a report counts: exactly one of <c>year</c>, <c>from</c> and <c>to</c> (both years, or both dates),
    /// <c>quarter</c>, <c>half</c>. Every bad value is named; a period of more than <see cref="MaxYears"/> years is refused.
    /// </summary>
    public static ReportPeriod? Period(PeriodQuery query, FieldErrors errors)
    {
        var ranged = query.From is not null || query.To is not null;
        var given = new (string Name, bool Given)[] { ("year", query.Year is not null), ("from", ranged), ("quarter", query.Quarter is not null), ("half", query.Half is not null) }
            .Where(g => g.Given).Select(g => g.Name).ToList();
        if (given.Count == 0)
        {
            errors.Add("year", "Required, e.g. 2021; or give from and to (years or dates), quarter (2021-Q1) or half (2021-H1).");
            return null;
        }
        if (given.Count > 1)
        {
            // The first one named is kept; each other one is the mistake (year before from before quarter before half).
            foreach (var name in given.Skip(1))
                errors.Add(name == "from" ? "to" : name, $"Give one of year, from and to, quarter or half, not {string.Join(" and ", given)}.");
            errors.Add(given[0], $"Give one of year, from and to, quarter or half, not {string.Join(" and ", given)}.");
            return null;
        }
        if (query.Year is not null)
            return Year(query.Year, "year", errors) is { } year ? ReportPeriod.OfYear(year) : null;
        if (query.Quarter is { } quarter) return quarter.Read("quarter", errors);
        if (query.Half is { } half) return half.Read("half", errors);
        return Range(query.From, query.To, errors);
    }

    /// <summary><c>from</c> and <c>to</c>: four digits each (whole years, as the placements report always took them) or dates each.</summary>
    private static ReportPeriod? Range(QueryYearOrDate? fromText, QueryYearOrDate? toText, FieldErrors errors)
    {
        if (fromText is not { Text.Length: > 0 }) errors.Add("from", "Required with to, e.g. 2021 or 2021-01-01.");
        if (toText is not { Text.Length: > 0 }) errors.Add("to", "Required with from, e.g. 2021 or 2021-12-31.");
        if (fromText is not { Text.Length: > 0 } first || toText is not { Text.Length: > 0 } last) return null;
        if (first.IsYear != last.IsYear)
        {
            errors.Add(first.IsYear ? "to" : "from", "from and to are both years (2021) or both dates (2021-01-01), not one of each.");
            return null;
        }
        ReportPeriod? period;
        if (first.IsYear)
        {
            var (from, to) = (first.ReadYear("from", errors), last.ReadYear("to", errors));
            period = from is { } a && to is { } b ? ReportPeriod.OfYears(a, b) : null;
        }
        else
        {
            var (from, to) = (first.ReadDate("from", errors), last.ReadDate("to", errors));
            period = from is { } a && to is { } b ? new ReportPeriod(a, b, ReportPeriodKind.Dates) : null;
        }
        if (period is not { } counted) return null;
        if (counted.To < counted.From) { errors.Add("to", "Not before from."); return null; }
        if (counted.From.PlusYears(MaxYears) <= counted.To) { errors.Add("to", $"At most {MaxYears} years in one report."); return null; }
        return counted;
    }
}
