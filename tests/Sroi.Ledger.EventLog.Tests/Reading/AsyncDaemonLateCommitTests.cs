using Sroi.Ledger.Testing;
using Sroi.Ledger.Api.EventLog;
using Xunit.Abstractions;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Reading;

/// <summary>
/// Its own database: an open transaction of another test would move the high-water mark this test reasons about.
/// Marten draws an event's seq_id when its INSERT runs, not when it commits, so an append that commits late leaves a
/// hole below events that are already visible. A reader that moved past the hole would never see the late event.
/// </summary>
public class AsyncDaemonLateCommitTests(EventLogDatabase db, ITestOutputHelper output) : IClassFixture<EventLogDatabase>
{
    [Fact]
    public async Task An_event_committed_after_later_ones_is_not_skipped_by_the_async_daemon()
    {
        using var store = SeenEventsProjection.Store(db.LedgerPool, "seen-events");
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        var events = new LedgerEvents(store, db.LedgerPool);
        var log = new DaemonLog();
        using var daemon = await store.BuildProjectionDaemonAsync(logger: log);
        await daemon.StartAllAsync();
        try
        {
            var early = NewStream();
            await events.AppendAsync(Append(early, 0, Registered(Rijswijk)));
            await Eventually.UntilAsync(() => SeenEventsProjection.SeenAsync(store), seen => seen.Any(e => e.StreamKey == early.Value),
                "the daemon projects the first event");

            var late = NewStream();
            await using var lateAppend = await LateAppend.BeginAsync(store, db.LedgerPool, Rijswijk, late, Completed(1));
            (await lateAppend.ScalarInTransactionAsync("SELECT count(*) FROM sroi_event_hashes WHERE stream_id = $1", late.Value))
                .Should().Be(1, "the chain link is written in the append's own transaction");

            // Later appends commit first, with higher sequence numbers.
            var later = Enumerable.Range(0, 5).Select(_ => NewStream()).ToList();
            foreach (var stream in later)
                await events.AppendAsync(Append(Delft, stream, 0, Completed(2)));
            var laterSequences = await Task.WhenAll(later.Select(s => db.ScalarAsync("SELECT seq_id FROM mt_events WHERE stream_id = $1", s.Value)));
            laterSequences.Should().OnlyContain(s => s > lateAppend.Sequence);
            (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id = $1", late.Value)).Should().Be(0, "the late event is not visible yet");

            // Let the gap grow well past the stale threshold while the daemon keeps polling: a clock-only rule skips it by now
            // (DaemonWithoutTransactionEvidenceTests).
            var heldSince = DateTimeOffset.UtcNow;
            await Eventually.UntilAsync(() => daemon.HighWaterLastPolledAt > heldSince + 4 * store.Options.Projections.StaleSequenceThreshold,
                "the daemon polls the high-water mark after the gap went stale");
            var markWhileHeld = daemon.HighWaterMark();
            (await lateAppend.ScalarInTransactionAsync("SELECT count(*) FROM mt_events WHERE seq_id = $1", lateAppend.Sequence))
                .Should().Be(1, "the late transaction is still open and holds its event");
            markWhileHeld.Should().BeLessThan(lateAppend.Sequence, "the daemon holds below a gap an open transaction may still fill");
            (await SeenEventsProjection.SeenAsync(store)).Should().NotContain(e => later.Any(s => s.Value == e.StreamKey),
                "nothing beyond the gap is handed out while the gap is held");

            await lateAppend.CommitAsync();

            var expected = later.Append(late).Append(early).Select(s => s.Value).ToHashSet();
            var seen = await Eventually.UntilAsync(() => SeenEventsProjection.SeenAsync(store),
                all => expected.IsSubsetOf(all.Select(e => e.StreamKey)), "the daemon projects every event, the late one included");
            seen.Where(e => expected.Contains(e.StreamKey)).Should().HaveCount(expected.Count).And.OnlyContain(e => e.Times == 1);
            seen.Single(e => e.StreamKey == late.Value).Sequence.Should().Be(lateAppend.Sequence);
            seen.Should().NotContain(e => e.StreamKey == "mt_tombstone");
            EventChainVerifier.Verify(late, await events.ReadStreamAsync(Rijswijk, late)).IsIntact.Should().BeTrue();

            await daemon.StopAllAsync();
        }
        finally
        {
            output.WriteLine(log.ToString());
        }
    }

    [Fact]
    public async Task A_gap_left_by_a_rolled_back_append_is_passed_once_no_transaction_can_fill_it()
    {
        using var store = SeenEventsProjection.Store(db.LedgerPool, "seen-events-after-rollback");
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        var events = new LedgerEvents(store, db.LedgerPool);
        var log = new DaemonLog();
        using var daemon = await store.BuildProjectionDaemonAsync(logger: log);
        await daemon.StartAllAsync();
        try
        {
            // Marten wrote this event itself, so it has no failure to fill with a tombstone: the rollback leaves a bare hole.
            var abandoned = NewStream();
            long hole;
            await using (var rolledBack = await LateAppend.BeginAsync(store, db.LedgerPool, Rijswijk, abandoned, Completed(1)))
                hole = rolledBack.Sequence;
            var after = NewStream();
            await events.AppendAsync(Append(after, 0, Completed(2)));

            var seen = await Eventually.UntilAsync(() => SeenEventsProjection.SeenAsync(store), all => all.Any(e => e.StreamKey == after.Value),
                "the daemon passes the dead gap and projects the event after it");
            daemon.HighWaterMark().Should().BeGreaterThan(hole);
            (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE seq_id = $1", hole)).Should().Be(0);
            seen.Should().NotContain(e => e.StreamKey == abandoned.Value);

            await daemon.StopAllAsync();
        }
        finally
        {
            output.WriteLine(log.ToString());
        }
    }
}
