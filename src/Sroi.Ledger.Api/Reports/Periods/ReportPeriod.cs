using NodaTime;
using Sroi.Ledger.Domain.Ambitions;

namespace Sroi.Ledger.Api.Reports.Periods;

/// <summary>How a period was asked for: the placements report answers a range of years with a row per year.</summary>
public enum ReportPeriodKind
{
    /// <summary><c>?year=</c>.</summary>
    Year,

    /// <summary><c>?from=2020&amp;to=2021</c>: whole years, four digits each.</summary>
    Years,

    /// <summary><c>?quarter=</c> or <c>?half=</c>.</summary>
    PartOfYear,

    /// <summary><c>?from=2021-03-01&amp;to=2021-05-31</c>.</summary>
    Dates,
}

/// <summary>
/// The business dates a report counts, both inclusive (<c>period: {from, to}</c> in the answer). A placement counts in
/// the period its (corrected) start date falls in, a trede change in the period it takes effect in: the same rules as
/// for a year, which is the period of 1 January to 31 December.
/// </summary>
public readonly record struct ReportPeriod(LocalDate From, LocalDate To, ReportPeriodKind Kind)
{
    public const int FirstYear = AmbitionDecider.FirstYear;
    public const int LastYear = AmbitionDecider.LastYear;

    /// <summary>The widest period one report covers, so a request cannot ask for a thousand years.</summary>
    public const int MaxYears = 50;

    public static ReportPeriod OfYear(int year) => new(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31), ReportPeriodKind.Year);

    public static ReportPeriod OfYears(int from, int to) => new(new LocalDate(from, 1, 1), new LocalDate(to, 12, 31), ReportPeriodKind.Years);

    /// <summary>The calendar year the period is, whatever way it was asked for; null for any other period.</summary>
    public int? Year => From.Year == To.Year && From == new LocalDate(From.Year, 1, 1) && To == new LocalDate(To.Year, 12, 31) ? From.Year : null;

    /// <summary>The years the period touches (the reports' tables index placements by the year their start falls in).</summary>
    public (int From, int To) Years => (From.Year, To.Year);
}

/// <summary>
/// The period as the answer states it (<c>period: {from, to}</c>), when it was asked for as dates, a quarter or a half-year. A
/// report of a year (or a range of years) says its year(s) as it always did and leaves <c>period</c> out, so its answer is
/// the same as before periods existed.
/// </summary>
public sealed record PeriodAnswer(LocalDate From, LocalDate To)
{
    public static PeriodAnswer Of(ReportPeriod period) => new(period.From, period.To);

    /// <summary>The period to state, or null when the answer's year says it.</summary>
    public static PeriodAnswer? Stated(ReportPeriod period) =>
        period.Kind is ReportPeriodKind.PartOfYear or ReportPeriodKind.Dates ? Of(period) : null;
}
