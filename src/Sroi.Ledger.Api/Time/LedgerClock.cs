using NodaTime;

namespace Sroi.Ledger.Api.Time;

/// <summary>
/// The one clock of the service (<see cref="IClock"/>, injected everywhere): the system clock. Outside Production,
/// SROI_CLOCK_OFFSET_SECONDS moves it by a fixed offset while it keeps running — to rehearse a deadline ("what is sent the
/// day after this contract ends?") and for the tests that restart the service around a scheduled signal. Production
/// refuses the setting: a ledger's dates are never made up there.
/// </summary>
public static class LedgerClock
{
    public const string OffsetSetting = "SROI_CLOCK_OFFSET_SECONDS";

    public static IClock From(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        if (configuration[OffsetSetting] is not { Length: > 0 } raw) return SystemClock.Instance;
        if (environment.IsProduction())
            throw new InvalidOperationException($"{OffsetSetting} is set, but a production ledger runs on the system clock only.");
        if (!long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            throw new InvalidOperationException($"{OffsetSetting} must be a whole number of seconds, not '{raw}'.");
        var clock = new OffsetClock(Duration.FromSeconds(seconds));
        logger.LogWarning("{Setting} is set: the ledger's clock runs {Seconds} s from the system clock (now {Now})", OffsetSetting, seconds, clock.GetCurrentInstant());
        return clock;
    }

    private sealed class OffsetClock(Duration offset) : IClock
    {
        public Instant GetCurrentInstant() => SystemClock.Instance.GetCurrentInstant() + offset;
    }
}
