using Sroi.Ledger.EventStore;
using static Sroi.Ledger.EventStore.Tests.EventStoreDatabase;

namespace Sroi.Ledger.EventStore.Tests.Reading;

/// <summary>Its own database: another test's open transaction would move the fence this test reasons about.</summary>
public class GlobalLogReaderTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task An_event_that_commits_after_a_later_one_is_not_skipped()
    {
        var early = NewStream();
        var late = NewStream();
        var read = new List<RecordedEvent>();
        var cursor = GlobalCursor.Start;

        async Task CatchUpAsync()
        {
            // The class's other test may have left committed events before ours: keep only these two streams.
            foreach (var e in await db.Store.ReadAllAsync(cursor, 100))
            {
                if (e.StreamId == early || e.StreamId == late) read.Add(e);
                cursor = e.Cursor;
            }
        }

        // A takes the lower global position but does not commit yet.
        await using var a = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await a.BeginTransactionAsync();
        await db.Store.AppendAsync(a, transaction, Append(early, ExpectedVersion.NoStream, Event("test.early.v1")));

        // B takes a higher position and commits first.
        await db.Store.AppendAsync(Append(late, ExpectedVersion.NoStream, Event("test.late.v1")));
        (await db.ScalarAsync("SELECT count(*) FROM events WHERE stream_id IN ($1, $2)", early.Value, late.Value))
            .Should().Be(1, "A's event is not visible yet, B's is");

        await CatchUpAsync();
        read.Should().BeEmpty("B's event lies beyond the fence of A's running transaction; handing it out now would let A's be skipped");

        await transaction.CommitAsync();
        await PollAsync(CatchUpAsync, () => read.Count >= 2);

        read.Select(e => e.EventType).Should().Equal("test.early.v1", "test.late.v1");
        read[0].GlobalPosition.Should().BeLessThan(read[1].GlobalPosition);
        read.Select(e => e.EventId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task The_reader_pages_through_the_log_in_commit_order()
    {
        var stream = NewStream();
        for (var i = 0; i < 5; i++)
            await db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(i), Event(data: $$"""{"i": {{i}}}""")));

        var cursor = GlobalCursor.Start;
        var seen = new List<RecordedEvent>();
        await PollAsync(async () =>
        {
            var page = await db.Store.ReadAllAsync(cursor, 2);
            page.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page);
            if (page.Count > 0) cursor = page[^1].Cursor;
        }, () => seen.Count(e => e.StreamId == stream) == 5);

        seen.Where(e => e.StreamId == stream).Select(e => e.StreamVersion).Should().Equal(1, 2, 3, 4, 5);
        seen.Select(e => e.Cursor).Should().BeInAscendingOrder(Comparer<GlobalCursor>.Create((x, y) =>
            x.TransactionId != y.TransactionId ? x.TransactionId.CompareTo(y.TransactionId) : x.Position.CompareTo(y.Position)));
    }

    /// <summary>
    /// A subscriber polls: the fence is the oldest transaction running anywhere on the cluster (xids are
    /// cluster-wide), so a transaction in another database, such as a parallel test's CREATE DATABASE,
    /// delays the reader for a moment. It never makes it skip.
    /// </summary>
    private static async Task PollAsync(Func<Task> read, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15); // test timing only; the product never reads the wall clock
        while (true)
        {
            await read();
            if (done() || DateTime.UtcNow > deadline) return;
            await Task.Delay(20);
        }
    }
}
