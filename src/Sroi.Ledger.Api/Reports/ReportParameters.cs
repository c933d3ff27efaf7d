using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Ambitions;

namespace Sroi.Ledger.Api.Reports;

/// <summary>Reading a report's query string; every bad value is a 400 naming the parameter.</summary>
public static class ReportParameters
{
    /// <summary>The widest range one report covers, so a request cannot ask for a thousand years.</summary>
    public const int MaxYears = 50;

    public static int? Year(IQueryCollection query, string name, FieldErrors errors, bool required = true)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            if (required) errors.Add(name, "Required, e.g. 2021.");
            return null;
        }
        if (int.TryParse(text, out var year) && year is >= AmbitionDecider.FirstYear and <= AmbitionDecider.LastYear)
            return year;
        errors.Add(name, $"A year from {AmbitionDecider.FirstYear} to {AmbitionDecider.LastYear}.");
        return null;
    }

    public static LocalDate? Date(IQueryCollection query, string name, FieldErrors errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0) { errors.Add(name, "Required, e.g. 2020-12-31."); return null; }
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success && DateBounds.Contains(parsed.Value)) return parsed.Value;
        errors.Add(name, parsed.Success ? DateBounds.DateMessage : "Expected a date as yyyy-MM-dd.");
        return null;
    }

    /// <summary><c>year</c>, or <c>from</c> and <c>to</c> (inclusive): the years a report covers.</summary>
    public static (int From, int To, bool IsRange)? Years(IQueryCollection query, FieldErrors errors)
    {
        var ranged = query.ContainsKey("from") || query.ContainsKey("to");
        if (!ranged)
            return Year(query, "year", errors) is { } year ? (year, year, false) : null;
        if (query.ContainsKey("year")) { errors.Add("year", "Give year, or from and to, not both."); return null; }
        var (from, to) = (Year(query, "from", errors), Year(query, "to", errors));
        if (from is null || to is null) return null;
        if (to < from) { errors.Add("to", "Not before from."); return null; }
        if (to - from >= MaxYears) { errors.Add("to", $"At most {MaxYears} years in one report."); return null; }
        return (from.Value, to.Value, true);
    }
}
