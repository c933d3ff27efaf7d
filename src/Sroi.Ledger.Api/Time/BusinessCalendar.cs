using NodaTime;

namespace Sroi.Ledger.Api.Time;

/// <summary>Business dates are Dutch dates: "today" is today in Europe/Amsterdam, read from the injected clock.</summary>
public static class BusinessCalendar
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public static LocalDate Today(IClock clock) => DateOf(clock.GetCurrentInstant());

    /// <summary>The Dutch business date at a moment.</summary>
    public static LocalDate DateOf(Instant instant) => instant.InZone(Amsterdam).Date;

    /// <summary>The first moment of a Dutch business date (midnight in Amsterdam).</summary>
    public static Instant StartOf(LocalDate date) => date.AtStartOfDayInZone(Amsterdam).ToInstant();
}
