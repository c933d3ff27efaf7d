namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// How long to wait after a failed attempt before the next: the first retries within a minute (a receiver restarting),
/// then backing off to every 8 hours, for 32 hours in all — a receiver down over a weekend day still gets everything.
/// After the last attempt the delivery is marked failed; the admin sees it in the subscription's deliveries.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays)
{
    public static RetrySchedule Default { get; } = new([
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(40),
        TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4),
        TimeSpan.FromHours(8), TimeSpan.FromHours(8), TimeSpan.FromHours(8)]);

    public const string Setting = "SROI_WEBHOOK_RETRY_SECONDS";

    /// <summary>
    /// The schedule from <see cref="Setting"/> (delays in seconds, comma-separated; tests shorten it), else the default.
    /// </summary>
    public static RetrySchedule From(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } text
            ? new([.. text.Split(',').Select(s => TimeSpan.FromSeconds(int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture)))])
            : Default;

    public IReadOnlyList<TimeSpan> Delays => delays;

    /// <summary>Attempts in all: the first and one per delay.</summary>
    public int MaxAttempts => delays.Count + 1;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based); null after the last.</summary>
    public TimeSpan? After(int attempt) => attempt >= 1 && attempt <= delays.Count ? delays[attempt - 1] : null;
}
