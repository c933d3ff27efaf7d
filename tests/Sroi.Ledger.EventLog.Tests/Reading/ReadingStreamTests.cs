using Sroi.Ledger.Testing;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Reading;

public class ReadingStreamTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    [Fact]
    public async Task A_stream_read_as_of_a_moment_holds_what_was_recorded_by_then()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk), Completed(1)));
        var firstAppend = (await db.Events.ReadStreamAsync(Rijswijk, stream))[^1].RecordedAt;
        await Eventually.UntilAsync(() => db.ScalarAsync("SELECT (clock_timestamp() > $1)::int", firstAppend.ToDateTimeUtc()), later => later == 1,
            "the server clock moves past the first append");
        await db.Events.AppendAsync(Append(stream, 2, Completed(2)));

        var all = await db.Events.ReadStreamAsync(Rijswijk, stream);
        var asOfFirst = await db.Events.ReadStreamAsync(Rijswijk, stream, recordedUpTo: firstAppend);
        var beforeAnything = await db.Events.ReadStreamAsync(Rijswijk, stream, recordedUpTo: firstAppend - NodaTime.Duration.FromTicks(10));

        all.Should().HaveCount(3);
        all[2].RecordedAt.Should().BeGreaterThan(firstAppend);
        asOfFirst.Select(e => e.StreamVersion).Should().Equal(1, 2);
        asOfFirst.Should().BeEquivalentTo(all.Take(2), "the same rows, links included");
        beforeAnything.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_stream_reads_as_empty_at_version_zero()
    {
        var stream = NewStream();

        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Should().BeEmpty();
        (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(0);
    }
}
