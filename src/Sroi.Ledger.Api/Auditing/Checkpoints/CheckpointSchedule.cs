using System.Globalization;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>
/// Makes checkpoints at start and then every SROI_CHECKPOINT_INTERVAL_MINUTES (default 60; 0 = never on a schedule, only on
/// demand), skipping municipalities where nothing was appended since their newest checkpoint. A refusal (the ledger no
/// longer extends the last checkpoint) is logged as an error: someone changed the ledger behind the service's back.
/// </summary>
public sealed class CheckpointSchedule(Checkpointer checkpointer, IConfiguration configuration, ILogger<CheckpointSchedule> logger) : BackgroundService
{
    public const string IntervalSetting = "SROI_CHECKPOINT_INTERVAL_MINUTES";

    /// <summary>The configured interval; null when checkpoints are made on demand only.</summary>
    public static TimeSpan? Interval(IConfiguration configuration)
    {
        if (configuration[IntervalSetting] is not { Length: > 0 } text) return TimeSpan.FromMinutes(60);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || minutes < 0 || minutes > 7 * 24 * 60)
            throw new InvalidOperationException($"{IntervalSetting} must be a number of minutes from 0 (off) to 10080, not '{text}'.");
        return minutes == 0 ? null : TimeSpan.FromMinutes(minutes);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval(configuration) is not { } interval) return;
        do
        {
            try
            {
                switch (await checkpointer.MakeAsync(null, evenIfUnchanged: false, stoppingToken))
                {
                    case null:
                        logger.LogWarning("No checkpoint this round: appends kept running through every attempt to take a snapshot.");
                        break;
                    case var run:
                        foreach (var made in run.Checkpoints)
                            logger.LogInformation("Checkpoint {Id} of {Municipality}: {Streams} streams up to position {Position}",
                                made.Id, made.Municipality, made.Streams, made.Position);
                        foreach (var refused in run.Refused)
                            logger.LogError("No checkpoint signed for {Municipality}: {Reason} (checkpoint {Against}) {Discrepancies}",
                                refused.Municipality, refused.Reason, refused.Against,
                                string.Join("; ", refused.Discrepancies.Select(d => $"{d.Stream} v{d.Version} {d.Code}")));
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away for a moment: the next round tries again.
                logger.LogWarning(e, "Checkpointing failed this round; retrying in {Interval}", interval);
            }
        }
        while (await Delay(interval, stoppingToken));
    }

    private static async Task<bool> Delay(TimeSpan interval, CancellationToken ct)
    {
        try { await Task.Delay(interval, ct); return true; }
        catch (OperationCanceledException) { return false; }
    }
}
