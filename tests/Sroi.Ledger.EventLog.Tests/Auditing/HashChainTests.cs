using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Auditing;

/// <summary>Its own database: it switches the immutability triggers off for a moment, as a DBA could.</summary>
public class HashChainTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    /// <summary>Four events in three appends, with and without metadata, headers and non-ASCII text.</summary>
    private async Task<StreamId> StreamOfFourAsync()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
        await db.Events.AppendAsync(new AppendRequest(Rijswijk, stream, 1, [Amended(1_400_000_00, "meerwerk: fundering €"), Completed(2)],
            new EventMetadata("inkoop:key-1", "corr-é", "cause-1", "reden met \"quotes\"\nen een regel", "idem-1")));
        await db.Events.AppendAsync(new AppendRequest(Rijswijk, stream, 3, [Completed(3)], new EventMetadata("contractant:key-2", CorrelationId: "corr-2")));
        return stream;
    }

    private async Task<ChainVerification> VerifyAsync(StreamId stream) =>
        EventChainVerifier.Verify(stream, await db.Events.ReadStreamAsync(Rijswijk, stream));

    /// <summary>Runs an UPDATE of mt_events as someone who switched the refusal off, and switches it on again.</summary>
    private Task TamperAsync(StreamId stream, long version, string set) => db.ExecuteAsync($"""
        ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
        UPDATE mt_events SET {set} WHERE tenant_id = 'GM0603' AND stream_id = '{stream.Value}' AND version = {version};
        ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
        """);

    [Fact]
    public async Task Every_event_gets_its_link_and_an_untouched_stream_verifies()
    {
        var stream = await StreamOfFourAsync();

        var events = await db.Events.ReadStreamAsync(Rijswijk, stream);
        (await VerifyAsync(stream)).Should().Be(new ChainVerification(stream, 4, null));
        events.Should().AllSatisfy(e => e.Hash.Should().NotBeNull().And.HaveCount(32));
        events.Select(e => Convert.ToHexString(e.Hash!)).Should().OnlyHaveUniqueItems();
        (await db.ScalarAsync("""
            SELECT count(*) FROM sroi_event_hashes h JOIN mt_events e
              ON e.seq_id = h.seq_id AND e.tenant_id = h.tenant_id AND e.stream_id = h.stream_id AND e.version = h.version
            WHERE h.stream_id = $1
            """, stream.Value)).Should().Be(4, "each link names its event's own sequence number");
        // The C# verifier and the SQL function agree on every field, the transaction's timestamp included; two events
        // of one append share that timestamp and still get links of their own.
        events[1].RecordedAt.Should().Be(events[2].RecordedAt);
        EventChainVerifier.CanonicalBytes(events[1]).Should().NotEqual(EventChainVerifier.CanonicalBytes(events[2]));
    }

    [Fact]
    public async Task The_link_is_written_in_the_appends_own_transaction_and_goes_with_it()
    {
        var kept = NewStream();
        var rolledBack = NewStream();

        await using (var append = await LateAppend.BeginAsync(db.Store, db.LedgerPool, Rijswijk, kept, Completed(1)))
        {
            (await append.ScalarInTransactionAsync("SELECT count(*) FROM sroi_event_hashes WHERE seq_id = $1", append.Sequence)).Should().Be(1);
            (await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes WHERE stream_id = $1", kept.Value)).Should().Be(0, "not committed yet");
            await append.CommitAsync();
        }
        await using (var append = await LateAppend.BeginAsync(db.Store, db.LedgerPool, Rijswijk, rolledBack, Completed(1)))
            (await append.ScalarInTransactionAsync("SELECT count(*) FROM sroi_event_hashes WHERE seq_id = $1", append.Sequence)).Should().Be(1);

        (await VerifyAsync(kept)).Should().Be(new ChainVerification(kept, 1, null));
        (await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes WHERE stream_id = $1", rolledBack.Value)).Should().Be(0);
        (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id = $1", rolledBack.Value)).Should().Be(0);
    }

    [Theory]
    [InlineData(2, "data = jsonb_set(data, '{newValue}', '1500000.00')")]
    [InlineData(3, "type = 'contract.amended.v1'")]
    [InlineData(3, "timestamp = timestamp - interval '1 day'")]
    [InlineData(4, "timestamp = timestamp + interval '1 microsecond'")]
    [InlineData(1, "user_name = 'someone-else'")]
    [InlineData(2, "correlation_id = NULL")]
    [InlineData(3, "causation_id = 'another-cause'")]
    [InlineData(2, "headers = jsonb_set(headers, '{reason}', '\"geen reden\"')")]
    [InlineData(4, "id = gen_random_uuid()")]
    public async Task Tampering_with_a_stored_event_is_detected_at_its_version(long version, string set)
    {
        var stream = await StreamOfFourAsync();
        var before = await db.Events.ReadStreamAsync(Rijswijk, stream);

        await TamperAsync(stream, version, set);

        var after = await db.Events.ReadStreamAsync(Rijswijk, stream);
        after.Select(e => e.Hash).Should().BeEquivalentTo(before.Select(e => e.Hash), "the links themselves were not touched");
        (await VerifyAsync(stream)).Should().Be(new ChainVerification(stream, 4, version));
    }

    [Fact]
    public async Task Replacing_or_removing_a_link_is_detected_too()
    {
        var replaced = await StreamOfFourAsync();
        var removed = await StreamOfFourAsync();

        await db.ExecuteAsync($"""
            ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_update;
            ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_delete;
            UPDATE sroi_event_hashes SET hash = sha256('forged') WHERE stream_id = '{replaced.Value}' AND version = 3;
            DELETE FROM sroi_event_hashes WHERE stream_id = '{removed.Value}' AND version = 2;
            ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_update;
            ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_delete;
            """);

        (await VerifyAsync(replaced)).FirstBrokenVersion.Should().Be(3);
        (await VerifyAsync(removed)).FirstBrokenVersion.Should().Be(2);
    }

    [Fact]
    public async Task A_rewritten_chain_is_detected_where_the_event_was_changed_even_if_the_later_links_were_recomputed_from_it()
    {
        // Someone who edits an event and recomputes its own link with the published formula still cannot keep the
        // next link valid without rewriting it too; and a fully rewritten chain no longer matches copies of the old hashes.
        var stream = await StreamOfFourAsync();
        var original = await db.Events.ReadStreamAsync(Rijswijk, stream);

        await TamperAsync(stream, 2, "data = jsonb_set(data, '{reason}', '\"minderwerk\"')");
        await db.ExecuteAsync($"""
            ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_update;
            UPDATE sroi_event_hashes h SET hash = sha256(p.hash || sroi_event_canonical_bytes(
                e.tenant_id, e.stream_id, e.version, e.id, e.type, e.data, e.user_name, e.correlation_id, e.causation_id, e.headers, e.timestamp))
            FROM mt_events e, sroi_event_hashes p
            WHERE e.tenant_id = h.tenant_id AND e.stream_id = h.stream_id AND e.version = h.version
              AND p.tenant_id = h.tenant_id AND p.stream_id = h.stream_id AND p.version = h.version - 1
              AND h.stream_id = '{stream.Value}' AND h.version = 2;
            ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_update;
            """);

        (await VerifyAsync(stream)).FirstBrokenVersion.Should().Be(3, "link 3 still chains from the original link 2");
        var now = await db.Events.ReadStreamAsync(Rijswijk, stream);
        now[1].Hash.Should().NotEqual(original[1].Hash!, "an auditor holding the earlier head or link sees the rewrite");
    }
}
