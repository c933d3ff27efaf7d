using System.Globalization;
using Npgsql;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>
/// Makes checkpoints at start and then every SROI_CHECKPOINT_INTERVAL_MINUTES (default 60; 0 = never on a schedule, only on
/// demand), skipping municipalities where nothing was appended since their newest checkpoint. A refusal (the ledger no
/// longer extends the last checkpoint) is logged as an error: someone changed the ledger behind the service's back.
/// With several nodes every node keeps this schedule, and a round is made once per interval cluster-wide: each round runs
/// under an advisory lock (a node that finds it taken skips the round, another node is making it), and a node skips the
/// round when the newest checkpoint is younger than most of an interval (another node made it).
/// </summary>
public sealed class CheckpointSchedule(Checkpointer checkpointer, NpgsqlDataSource db, NodaTime.IClock clock, IConfiguration configuration,
    ILogger<CheckpointSchedule> logger) : BackgroundService
{
    private const long RoundLockKey = 0x5_2031_4350_5453; // "SROI CPTS"

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
                await using var round = await db.OpenConnectionAsync(stoppingToken);
                await using var held = await round.BeginTransactionAsync(stoppingToken);
                if (!await IsOursAsync(round, held, interval, stoppingToken)) continue;
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

    /// <summary>
    /// Takes the round's lock (held by <paramref name="held"/> until the round ends) unless another node holds it, and
    /// says whether this round is due: no checkpoint made within 90% of an interval (the 10% absorbs the nodes' drift).
    /// </summary>
    private async Task<bool> IsOursAsync(NpgsqlConnection round, NpgsqlTransaction held, TimeSpan interval, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT pg_try_advisory_xact_lock({RoundLockKey}), (SELECT max(created_at) FROM sroi_checkpoints)
            """, round, held);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.GetBoolean(0)) return false;
        return reader.IsDBNull(1) || clock.GetCurrentInstant() - reader.GetFieldValue<NodaTime.Instant>(1) >= NodaTime.Duration.FromTimeSpan(interval * 0.9);
    }

    private static async Task<bool> Delay(TimeSpan interval, CancellationToken ct)
    {
        try { await Task.Delay(interval, ct); return true; }
        catch (OperationCanceledException) { return false; }
    }
}
