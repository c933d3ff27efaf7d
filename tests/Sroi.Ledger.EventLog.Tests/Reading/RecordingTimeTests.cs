using Marten;
using NodaTime;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Reading;

/// <summary>
/// An event's recorded time (mt_events.timestamp, <c>RecordedAt</c>) is what "as known on" reads filter on (the contract
/// history and the balance at a moment). It must be the moment of the append whatever TimeZone the PostgreSQL server or
/// database is configured with: initdb takes the machine's zone, so a server in the Netherlands runs Europe/Amsterdam.
/// Marten's Quick append writes the time of an append to an existing stream as a local wall-clock time (Marten #5136:
/// "skewed by the server's UTC offset in Quick mode"), which the ledger's pool neutralises by running its sessions in UTC.
/// </summary>
public abstract class RecordingTimeTests(EventLogDatabase db)
{
    private async Task<Instant> ServerNowAsync()
    {
        await using var command = db.LedgerPool.CreateCommand("SELECT clock_timestamp()");
        return (Instant)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Every_append_is_recorded_at_the_moment_it_happened_whatever_the_databases_time_zone()
    {
        var stream = NewStream();
        var beforeFirst = await ServerNowAsync();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
        var betweenAppends = await ServerNowAsync();
        await db.Events.AppendAsync(Append(stream, 1, Completed(1)));
        await db.Events.AppendAsync(Append(stream, 2, Completed(2), Completed(3)));
        var afterAll = await ServerNowAsync();

        var events = await db.Events.ReadStreamAsync(Rijswijk, stream);

        events[0].RecordedAt.Should().BeInRange(beforeFirst, betweenAppends, "the stream was started then");
        events.Skip(1).Should().AllSatisfy(e => e.RecordedAt.Should().BeInRange(betweenAppends, afterAll,
            "appending to an existing stream is recorded at its own moment, not shifted by the zone's offset"));
        (await db.Events.ReadStreamAsync(Rijswijk, stream, recordedUpTo: events[0].RecordedAt)).Select(e => e.StreamVersion)
            .Should().Equal([1L], "as known when the stream was started, only its first event existed");
        await using var session = db.Store.QuerySession(Rijswijk.Value);
        (await session.Events.FetchStreamAsync(stream.Value)).Select(e => Instant.FromDateTimeOffset(e.Timestamp))
            .Should().Equal(events.Select(e => e.RecordedAt), "Marten reads the same moments");
    }
}

public sealed class AmsterdamDatabase : EventLogDatabase
{
    protected override string DatabaseTimeZone => "Europe/Amsterdam";
}

public sealed class NewYorkDatabase : EventLogDatabase
{
    protected override string DatabaseTimeZone => "America/New_York";
}

public sealed class RecordingTimeInAmsterdamTests(AmsterdamDatabase db) : RecordingTimeTests(db), IClassFixture<AmsterdamDatabase>;

public sealed class RecordingTimeInNewYorkTests(NewYorkDatabase db) : RecordingTimeTests(db), IClassFixture<NewYorkDatabase>;

public sealed class RecordingTimeInUtcTests(EventLogDatabase db) : RecordingTimeTests(db), IClassFixture<EventLogDatabase>;
