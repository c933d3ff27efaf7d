using Marten;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Auditing;

/// <summary>The database itself refuses to change or remove events, their links and their streams (SQLSTATE SRI01).</summary>
public class ImmutabilityTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    public const string Refused = "SRI01";

    private async Task<StreamId> StreamOfTwoAsync()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk), Completed(1)));
        return stream;
    }

    [Theory]
    [InlineData("UPDATE mt_events SET data = '{}' WHERE stream_id = $1")]
    [InlineData("UPDATE mt_events SET is_archived = true WHERE stream_id = $1")]
    [InlineData("DELETE FROM mt_events WHERE stream_id = $1")]
    [InlineData("TRUNCATE mt_events")]
    [InlineData("UPDATE sroi_event_hashes SET hash = sha256('x') WHERE stream_id = $1")]
    [InlineData("DELETE FROM sroi_event_hashes WHERE stream_id = $1")]
    [InlineData("TRUNCATE sroi_event_hashes")]
    [InlineData("DELETE FROM mt_streams WHERE id = $1")]
    // A plain TRUNCATE of mt_streams already fails on mt_events' foreign key (0A000); CASCADE would take the events too.
    [InlineData("TRUNCATE mt_streams CASCADE")]
    public async Task Changing_or_removing_events_links_or_streams_is_refused(string sql)
    {
        var stream = await StreamOfTwoAsync();
        var before = await db.Events.ReadStreamAsync(Rijswijk, stream);

        var act = () => sql.Contains("$1") ? db.ExecuteAsync(sql, stream.Value) : db.ExecuteAsync(sql);

        var refusal = (await act.Should().ThrowAsync<PostgresException>()).Which;
        refusal.SqlState.Should().Be(Refused);
        refusal.MessageText.Should().Contain("immutable");
        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Should().BeEquivalentTo(before);
        (await db.ScalarAsync("SELECT count(*) FROM mt_streams WHERE id = $1", stream.Value)).Should().Be(1);
    }

    [Fact]
    public async Task A_streams_row_may_move_on_so_appends_keep_working()
    {
        var stream = await StreamOfTwoAsync();

        await db.Events.AppendAsync(Append(stream, 2, Completed(2)));

        (await db.ScalarAsync("SELECT version FROM mt_streams WHERE tenant_id = 'GM0603' AND id = $1", stream.Value)).Should().Be(3);
    }

    [Fact]
    public async Task Marten_cannot_archive_or_hard_delete_a_stream_either()
    {
        var stream = await StreamOfTwoAsync();
        var before = await db.Events.ReadStreamAsync(Rijswijk, stream);

        async Task RefusedAsync(Action<IDocumentSession> operation)
        {
            await using var session = db.Store.LightweightSession(Rijswijk.Value);
            operation(session);
            var act = () => session.SaveChangesAsync();
            var thrown = await act.Should().ThrowAsync<Exception>();
            thrown.Which.FlattenToRefusals().Should().Contain(e => e.SqlState == Refused);
        }

        await RefusedAsync(session => session.Events.ArchiveStream(stream.Value));
        await RefusedAsync(session => session.Events.TombstoneStream(stream.Value));

        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Should().BeEquivalentTo(before);
        (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id = $1 AND is_archived", stream.Value)).Should().Be(0);
        EventChainVerifier.Verify(stream, before).IsIntact.Should().BeTrue();
    }
}

internal static class ExceptionChains
{
    public static IEnumerable<PostgresException> FlattenToRefusals(this Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres) yield return postgres;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(FlattenToRefusals))
                    yield return inner;
        }
    }
}
