using System.Globalization;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// The limits of subscribing. <see cref="MaxPerSubscriber"/> live subscriptions per subscriber (a WSP, or one contractor,
/// in a municipality): every write that raises a notification reads the municipality's subscriptions, so a key that made
/// a thousand of them slowed every report down. <see cref="Changeover"/>: how long a rotated secret still signs beside
/// the new one when the rotation does not say.
/// </summary>
public sealed record SubscriptionSettings(int MaxPerSubscriber, TimeSpan Changeover)
{
    public const string MaxSetting = "SROI_WEBHOOK_MAX_SUBSCRIPTIONS";
    public const string ChangeoverSetting = "SROI_WEBHOOK_SECRET_CHANGEOVER_HOURS";

    /// <summary>The longest changeover a rotation may ask for: a week.</summary>
    public const int MaxChangeoverHours = 168;

    public static SubscriptionSettings From(IConfiguration configuration) => new(
        Whole(configuration, MaxSetting, 25, 1, 10_000),
        TimeSpan.FromHours(Whole(configuration, ChangeoverSetting, 24, 0, MaxChangeoverHours)));

    private static int Whole(IConfiguration configuration, string setting, int fallback, int min, int max)
    {
        if (configuration[setting] is not { Length: > 0 } text) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{setting} must be a whole number from {min} to {max}, not '{text}'.");
    }
}
