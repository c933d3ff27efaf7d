using Sroi.Ledger.EventStore;
using static Sroi.Ledger.EventStore.Tests.EventStoreDatabase;

namespace Sroi.Ledger.EventStore.Tests.Appending;

public class AppendingTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Events_are_appended_in_order_with_their_metadata_and_read_back()
    {
        var stream = NewStream();
        var metadata = new EventMetadata("inkoop:key-1", "corr-1", "cause-1", "meerwerk", "idem-1");

        var first = await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event(data: """{"n": 1}""")));
        var second = await db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(1),
            new NewEvent(Guid.NewGuid(), "test.second.v1", """{"n": 2, "euro": 12.50}""", metadata),
            Event("test.third.v1", """{"n": 3}""")));

        first.NewVersion.Should().Be(1);
        second.NewVersion.Should().Be(3);
        var events = await db.Store.ReadStreamAsync(stream);
        events.Select(e => e.StreamVersion).Should().Equal(1, 2, 3);
        events.Select(e => e.EventType).Should().Equal("test.happened.v1", "test.second.v1", "test.third.v1");
        events[1].Data.Should().Be("""{"n": 2, "euro": 12.50}""");
        events[1].Metadata.Should().Be(metadata);
        events[1].RecordedAt.Should().Be(events[2].RecordedAt, "events of one append share the transaction's time");
        events[2].GlobalPosition.Should().Be(second.LastPosition);
        events.Select(e => e.GlobalPosition).Should().BeInAscendingOrder();
        (await db.Store.ReadStreamAsync(stream, fromVersion: 3)).Should().ContainSingle().Which.EventType.Should().Be("test.third.v1");
        (await db.Store.StreamVersionAsync(stream)).Should().Be(3);
    }

    [Fact]
    public async Task A_wrong_expected_version_is_a_conflict_that_names_the_actual_version_and_writes_nothing()
    {
        var stream = NewStream();
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event(), Event()));

        var asNew = () => db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event()));
        var stale = () => db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(1), Event()));
        var ahead = () => db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(5), Event()));
        var missing = () => db.Store.AppendAsync(Append(NewStream(), ExpectedVersion.Exactly(1), Event()));

        (await asNew.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(2);
        (await stale.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(2);
        (await ahead.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(2);
        (await missing.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(0);
        (await db.Store.ReadStreamAsync(stream)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Any_appends_at_the_end_whatever_the_version()
    {
        var stream = NewStream();

        await db.Store.AppendAsync(Append(stream, ExpectedVersion.Any, Event()));
        var result = await db.Store.AppendAsync(Append(stream, ExpectedVersion.Any, Event(), Event()));

        result.NewVersion.Should().Be(3);
        (await db.Store.ReadStreamAsync(stream)).Select(e => e.StreamVersion).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task An_empty_append_is_refused_and_writes_nothing()
    {
        var stream = NewStream();

        var act = () => db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream));

        await act.Should().ThrowAsync<ArgumentException>();
        (await db.Store.StreamVersionAsync(stream)).Should().Be(0);
    }

    [Fact]
    public async Task Events_cannot_be_changed_or_removed()
    {
        var stream = NewStream();
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event()));

        var update = () => db.ScalarAsync("UPDATE events SET data = '{}' WHERE stream_id = $1", stream.Value);
        var delete = () => db.ScalarAsync("DELETE FROM events WHERE stream_id = $1", stream.Value);

        (await update.Should().ThrowAsync<Npgsql.PostgresException>()).Which.MessageText.Should().Contain("immutable");
        (await delete.Should().ThrowAsync<Npgsql.PostgresException>()).Which.MessageText.Should().Contain("immutable");
    }

    [Fact]
    public async Task Many_writers_on_distinct_streams_all_land()
    {
        var streams = Enumerable.Range(0, 8).Select(_ => NewStream()).ToList();

        await Task.WhenAll(streams.Select(async stream =>
        {
            for (var version = 0; version < 10; version++)
                await db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(version), Event()));
        }));

        foreach (var stream in streams)
            (await db.Store.StreamVersionAsync(stream)).Should().Be(10);
    }
}
