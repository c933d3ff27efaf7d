using Sroi.Ledger.Testing;
using Sroi.Ledger.Api.EventLog;
using Xunit.Abstractions;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Reading;

/// <summary>
/// Why the daemon's defaults must stay: with Marten's pre-#4953 rule (UseTransactionEvidenceForGapSkipping = false) a
/// gap is skipped once it is older than StaleSequenceThreshold, open transaction or not, and the late event is lost to
/// the projection. Pins that behaviour, so the setting is not switched off without this test failing first. Its own
/// database, as <see cref="AsyncDaemonLateCommitTests"/>.
/// </summary>
public class DaemonWithoutTransactionEvidenceTests(EventLogDatabase db, ITestOutputHelper output) : IClassFixture<EventLogDatabase>
{
    [Fact]
    public async Task Skipping_gaps_by_the_clock_alone_loses_an_event_that_commits_late()
    {
        using var store = SeenEventsProjection.Store(db.LedgerPool, "seen-events-clock-only",
            projections => projections.UseTransactionEvidenceForGapSkipping = false);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        var events = new LedgerEvents(store, db.LedgerPool);
        var log = new DaemonLog();
        using var daemon = await store.BuildProjectionDaemonAsync(logger: log);
        await daemon.StartAllAsync();
        try
        {
            var late = NewStream();
            await using var lateAppend = await LateAppend.BeginAsync(store, db.LedgerPool, Rijswijk, late, Completed(1));
            var later = NewStream();
            await events.AppendAsync(Append(later, 0, Completed(2)));

            await Eventually.UntilAsync(() => SeenEventsProjection.SeenAsync(store), seen => seen.Any(e => e.StreamKey == later.Value),
                "the daemon skips the stale gap and projects the later event");
            daemon.HighWaterMark().Should().BeGreaterThan(lateAppend.Sequence);

            await lateAppend.CommitAsync();
            var afterCommit = DateTimeOffset.UtcNow;
            var marker = NewStream();
            await events.AppendAsync(Append(marker, 0, Completed(3)));
            await Eventually.UntilAsync(() => SeenEventsProjection.SeenAsync(store), seen => seen.Any(e => e.StreamKey == marker.Value),
                "the daemon projects an event appended after the late commit");
            await Eventually.UntilAsync(() => daemon.HighWaterLastPolledAt > afterCommit + 2 * store.Options.Projections.StaleSequenceThreshold,
                "the daemon keeps polling after the late commit");

            (await SeenEventsProjection.SeenAsync(store)).Should().NotContain(e => e.StreamKey == late.Value,
                "the mark passed the late event's sequence number before it committed");
            (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id = $1", late.Value)).Should().Be(1, "the event itself is stored");

            await daemon.StopAllAsync();
        }
        finally
        {
            output.WriteLine(log.ToString());
        }
    }
}
