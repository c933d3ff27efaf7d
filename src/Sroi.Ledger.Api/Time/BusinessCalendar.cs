using NodaTime;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Time;

/// <summary>Business dates are Dutch dates: "today" is today in Europe/Amsterdam, read from the injected clock.</summary>
public static class BusinessCalendar
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public static LocalDate Today(IClock clock) => DateOf(clock.GetCurrentInstant());

    /// <summary>
    /// The Dutch business date at a moment, within <see cref="DateBounds"/>: a request may name an instant up to
    /// 2999-12-31T23:59:59Z, which is already 3000-01-01 in Amsterdam, and a date derived from it (a report's asOf, a
    /// balance's date) must not leave the range every date of the service keeps to.
    /// </summary>
    public static LocalDate DateOf(Instant instant)
    {
        var date = instant.InZone(Amsterdam).Date;
        return date > DateBounds.Latest ? DateBounds.Latest : date < DateBounds.Earliest ? DateBounds.Earliest : date;
    }

    /// <summary>The first moment of a Dutch business date (midnight in Amsterdam).</summary>
    public static Instant StartOf(LocalDate date) => date.AtStartOfDayInZone(Amsterdam).ToInstant();
}
