using Sroi.Ledger.EventStore;
using static Sroi.Ledger.EventStore.Tests.EventStoreDatabase;

namespace Sroi.Ledger.EventStore.Tests.Appending;

/// <summary>Its own database (one class fixture per class), so the global positions it checks are its alone.</summary>
public class ConcurrentAppendTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Two_connections_racing_on_one_stream_one_wins_the_other_conflicts_and_nothing_is_lost_or_skipped()
    {
        const int rounds = 25;
        var stream = NewStream();
        var winners = new List<Guid>();

        for (var round = 0; round < rounds; round++)
        {
            var expected = ExpectedVersion.Exactly(round);
            var contenders = new[] { Event(data: $$"""{"round": {{round}}, "writer": "a"}"""), Event(data: $$"""{"round": {{round}}, "writer": "b"}""") };
            await using var a = await db.DataSource.OpenConnectionAsync();
            await using var b = await db.DataSource.OpenConnectionAsync();
            var start = new TaskCompletionSource();

            var attempts = new[] { (a, contenders[0]), (b, contenders[1]) }.Select(async pair =>
            {
                await start.Task;
                try
                {
                    await db.Store.AppendAsync(pair.Item1, null, Append(stream, expected, pair.Item2));
                    return (Won: true, pair.Item2.EventId);
                }
                catch (StreamConflictException conflict)
                {
                    conflict.ActualVersion.Should().Be(round + 1);
                    return (Won: false, pair.Item2.EventId);
                }
            }).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(attempts);

            outcomes.Count(o => o.Won).Should().Be(1, $"exactly one writer wins round {round}");
            winners.Add(outcomes.Single(o => o.Won).EventId);
        }

        var events = await db.Store.ReadStreamAsync(stream);
        events.Select(e => e.StreamVersion).Should().Equal(Enumerable.Range(1, rounds).Select(v => (long)v));
        events.Select(e => e.EventId).Should().Equal(winners);
        // Losers are refused before their event takes a global position: the positions have no holes.
        var positions = events.Select(e => e.GlobalPosition).ToList();
        (positions[^1] - positions[0] + 1).Should().Be(rounds);
        (await db.ScalarAsync("SELECT count(*) FROM events")).Should().Be(rounds);
    }
}
