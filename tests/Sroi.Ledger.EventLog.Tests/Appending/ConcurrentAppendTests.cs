using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Appending;

/// <summary>
/// Its own database (one class fixture per class): it reasons about every row of mt_events, including the
/// placeholder rows Marten writes for the sequence numbers of failed appends.
/// </summary>
public class ConcurrentAppendTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    [Theory]
    [InlineData(2, 25)]
    [InlineData(8, 12)]
    public async Task Writers_racing_on_one_stream_at_one_version_one_wins_each_round_the_others_conflict_and_the_chain_holds(
        int writers, int rounds)
    {
        var stream = NewStream();
        var winners = new List<Guid>();
        var losses = 0;

        for (var round = 0; round < rounds; round++)
        {
            var expected = round;
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = Enumerable.Range(0, writers).Select(async writer =>
            {
                // Each writer's event is its own: a marker in the payload (the day) tells the winner apart.
                var marker = round * 100 + writer;
                await start.Task;
                try
                {
                    await db.Events.AppendAsync(Append(stream, expected, expected == 0 ? Registered(Rijswijk) : Completed(marker)) with
                    {
                        Metadata = new EventMetadata($"writer-{writer}", CorrelationId: $"round-{round}-writer-{writer}"),
                    });
                    return (Won: true, Writer: writer);
                }
                catch (StreamConflictException conflict)
                {
                    conflict.ExpectedVersion.Should().Be(expected);
                    conflict.ActualVersion.Should().Be(round + 1, "the loser is told the version the winner left");
                    return (Won: false, Writer: writer);
                }
            }).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(attempts);

            outcomes.Count(o => o.Won).Should().Be(1, $"exactly one of {writers} writers wins round {round}");
            losses += outcomes.Count(o => !o.Won);
            var winner = outcomes.Single(o => o.Won).Writer;
            var stored = (await db.Events.ReadStreamAsync(Rijswijk, stream)).Single(e => e.StreamVersion == round + 1);
            stored.Metadata.CorrelationId.Should().Be($"round-{round}-writer-{winner}");
            winners.Add(stored.EventId);
        }

        var events = await db.Events.ReadStreamAsync(Rijswijk, stream);
        events.Select(e => e.StreamVersion).Should().Equal(Enumerable.Range(1, rounds).Select(v => (long)v));
        events.Select(e => e.EventId).Should().Equal(winners);
        events.Select(e => e.Metadata.CorrelationId).Should().OnlyHaveUniqueItems();
        EventChainVerifier.Verify(stream, events).IsIntact.Should().BeTrue();
        losses.Should().Be((writers - 1) * rounds);

        // Only the winners' events are in the stream. A loser whose INSERT drew a seq_id before failing on the
        // stream's key leaves a bare hole in the sequence (Quick append learns no number from a failed INSERT, so
        // Marten has nothing to tombstone); a loser that failed after an INSERT succeeded would get 'mt_tombstone'
        // placeholder rows (SameTransactionStatementTests sees those). Either way: every real event is chained, and
        // no placeholder is.
        (await db.CountAsync("mt_events", Rijswijk, stream)).Should().Be(rounds);
        (await db.CountAsync("sroi_event_hashes", Rijswijk, stream)).Should().Be(rounds);
        (await db.ScalarAsync("""
            SELECT count(*) FROM mt_events e
            WHERE e.stream_id <> 'mt_tombstone'
              AND NOT EXISTS (SELECT 1 FROM sroi_event_hashes h WHERE h.seq_id = e.seq_id AND h.tenant_id = e.tenant_id
                              AND h.stream_id = e.stream_id AND h.version = e.version)
            """)).Should().Be(0, "every real event has its link in the chain");
        (await db.ScalarAsync("""
            SELECT count(*) FROM mt_events e JOIN sroi_event_hashes h ON h.seq_id = e.seq_id WHERE e.stream_id = 'mt_tombstone'
            """)).Should().Be(0, "placeholders are not chained");
        (await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes WHERE stream_id = 'mt_tombstone'")).Should().Be(0);
        (await db.ScalarAsync("SELECT count(*) FROM mt_streams WHERE id = $1", stream.Value)).Should().Be(1);
    }

    [Fact]
    public async Task Many_writers_on_distinct_streams_all_land()
    {
        var streams = Enumerable.Range(0, 8).Select(_ => NewStream()).ToList();

        await Task.WhenAll(streams.Select(stream => Task.Run(async () =>
        {
            await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
            for (var version = 1; version < 10; version++)
                await db.Events.AppendAsync(Append(stream, version, Completed(version)));
        })));

        foreach (var stream in streams)
        {
            (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(10);
            EventChainVerifier.Verify(stream, await db.Events.ReadStreamAsync(Rijswijk, stream)).IsIntact.Should().BeTrue();
        }
    }
}
