using Npgsql;
using Sroi.Ledger.EventStore;
using static Sroi.Ledger.EventStore.Tests.EventStoreDatabase;

namespace Sroi.Ledger.EventStore.Tests.Auditing;

/// <summary>Its own database: it switches the immutability trigger off for a moment, as a DBA could.</summary>
public class HashChainTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    private async Task<StreamId> StreamOfFourAsync()
    {
        var stream = NewStream();
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event(data: """{"n": 1}""")));
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(1), Event(data: """{"n": 2}"""), Event(data: """{"n": 3}""")));
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(3), Event(data: """{"n": 4, "note": "é €"}""")));
        return stream;
    }

    [Fact]
    public async Task An_untouched_stream_verifies_and_its_hashes_chain()
    {
        var stream = await StreamOfFourAsync();

        var verification = await new EventChainVerifier(db.Store).VerifyAsync(stream);

        verification.IsIntact.Should().BeTrue();
        verification.EventsChecked.Should().Be(4);
        (await db.Store.ReadStreamAsync(stream)).Select(e => Convert.ToHexString(e.Hash)).Should().OnlyHaveUniqueItems()
            .And.AllSatisfy(h => h.Should().HaveLength(64));
    }

    [Fact]
    public async Task Tampering_with_an_event_breaks_the_chain_from_there()
    {
        var stream = await StreamOfFourAsync();

        await db.ScalarAsync($$"""
            ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete;
            UPDATE events SET data = '{"n": 20}' WHERE stream_id = '{{stream.Value}}' AND stream_version = 2;
            ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete;
            """);

        var verification = await new EventChainVerifier(db.Store).VerifyAsync(stream);

        verification.IsIntact.Should().BeFalse();
        verification.FirstBrokenVersion.Should().Be(2);
    }

    [Fact]
    public async Task Changing_the_recorded_time_or_metadata_is_detected_too()
    {
        var stream = await StreamOfFourAsync();

        await db.ScalarAsync($$"""
            ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete;
            UPDATE events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = '{{stream.Value}}' AND stream_version = 3;
            ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete;
            """);

        (await new EventChainVerifier(db.Store).VerifyAsync(stream)).FirstBrokenVersion.Should().Be(3);
    }
}
