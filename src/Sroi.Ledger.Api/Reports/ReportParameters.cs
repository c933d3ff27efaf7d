using System.ComponentModel;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Ambitions;

namespace Sroi.Ledger.Api.Reports;

/// <summary><c>?year=</c> of a yearly report.</summary>
public sealed record YearQuery([property: Description("The year, 2000 to 2100 (required).")] QueryWholeNumber? Year)
{
    public int? Read(FieldErrors errors) => ReportParameters.Year(Year, "year", errors);
}

/// <summary><c>?year=</c>, or <c>?from=</c> and <c>?to=</c> (inclusive), of the placements report.</summary>
public sealed record YearsQuery(
    [property: Description("The year, 2000 to 2100; or give from and to instead.")] QueryWholeNumber? Year,
    [property: Description("The first year of a range (with to): a row per year plus a total.")] QueryWholeNumber? From,
    [property: Description("The last year of a range (with from), at most 50 years after from.")] QueryWholeNumber? To)
{
    public (int From, int To, bool IsRange)? Read(FieldErrors errors) => ReportParameters.Years(this, errors);
}

/// <summary><c>?asOf=</c> of the trede distribution, the benefit stock and the caseload.</summary>
public sealed record AsOfQuery([property: Description("The date the distribution is taken on (required), e.g. 2020-12-31.")] QueryDate? AsOf)
{
    public LocalDate? Read(FieldErrors errors) => ReportParameters.Date(AsOf, "asOf", errors);
}

/// <summary>Reading a report's parameters (for the endpoints and the export command alike); every bad value is a 400 naming the parameter.</summary>
public static class ReportParameters
{
    /// <summary>The widest range one report covers, so a request cannot ask for a thousand years.</summary>
    public const int MaxYears = 50;

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

    /// <summary><c>year</c>, or <c>from</c> and <c>to</c> (inclusive): the years a report covers.</summary>
    public static (int From, int To, bool IsRange)? Years(YearsQuery query, FieldErrors errors)
    {
        var ranged = query.From is not null || query.To is not null;
        if (!ranged)
            return Year(query.Year, "year", errors) is { } year ? (year, year, false) : null;
        if (query.Year is not null) { errors.Add("year", "Give year, or from and to, not both."); return null; }
        var (from, to) = (Year(query.From, "from", errors), Year(query.To, "to", errors));
        if (from is null || to is null) return null;
        if (to < from) { errors.Add("to", "Not before from."); return null; }
        if (to - from >= MaxYears) { errors.Add("to", $"At most {MaxYears} years in one report."); return null; }
        return (from.Value, to.Value, true);
    }
}
