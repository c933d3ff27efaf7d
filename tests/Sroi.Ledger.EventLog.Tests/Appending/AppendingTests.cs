using Marten;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Appending;

public class AppendingTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    [Fact]
    public async Task Events_round_trip_under_their_stable_names_with_their_metadata()
    {
        var stream = NewStream();
        var registered = Registered(Rijswijk);
        var amended = Amended(1_300_000_00);
        var completed = Completed(200);
        var metadata = new EventMetadata("inkoop:key-1", "corr-1", "cause-1", "meerwerk na bodemonderzoek", "idem-1");

        await db.Events.AppendAsync(Append(stream, 0, registered));
        await db.Events.AppendAsync(new AppendRequest(Rijswijk, stream, 1, [amended, completed], metadata));

        var events = await db.Events.ReadStreamAsync(Rijswijk, stream);
        events.Select(e => e.StreamVersion).Should().Equal(1, 2, 3);
        events.Select(e => e.EventType).Should().Equal(
            ContractEventTypes.Registered, ContractEventTypes.Amended, ContractEventTypes.Completed);
        events.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data)).Should().Equal(registered, amended, completed);
        events.Should().AllSatisfy(e => e.StreamId.Should().Be(stream)).And.AllSatisfy(e => e.Tenant.Should().Be(Rijswijk.Value));
        events[0].Metadata.Should().Be(By());
        events[1].Metadata.Should().Be(metadata);
        events[2].Metadata.Should().Be(metadata);
        events[1].RecordedAt.Should().Be(events[2].RecordedAt, "Quick append stamps the events of one append with the transaction's time");
        events.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        events.Select(e => e.EventId).Should().OnlyHaveUniqueItems();
        (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(3);
    }

    [Fact]
    public async Task Marten_itself_reads_the_stored_names_back_as_the_ledgers_event_types()
    {
        var stream = NewStream("sroi-policy");
        var added = PolicyAdded(Rijswijk, 7);
        var registered = Registered(Rijswijk);

        await db.Events.AppendAsync(Append(stream, 0, added, registered));

        await using var session = db.Store.QuerySession(Rijswijk.Value);
        var stored = await session.Events.FetchStreamAsync(stream.Value);
        stored.Select(e => e.EventTypeName).Should().Equal(PolicyEvents.VersionAdded, ContractEventTypes.Registered);
        stored[0].Data.Should().BeOfType<SroiPolicyVersionAdded>().Which.Should().Be(added);
        stored[1].Data.Should().BeOfType<ContractRegistered>().Which.Should().Be(registered);
        stored[1].UserName.Should().Be(By().Actor);
    }

    [Fact]
    public void Every_ledger_event_type_is_mapped_to_a_distinct_stable_name()
    {
        var names = LedgerEventTypes.All.Select(t => t.Name).ToList();
        names.Should().OnlyHaveUniqueItems();
        LedgerEventTypes.All.Select(t => t.Type).Should().OnlyHaveUniqueItems();

        // Marten stores exactly the mapped name, not a name derived from the CLR type.
        foreach (var (type, name) in LedgerEventTypes.All)
            db.Store.Events.EventMappingFor(type).EventTypeName.Should().Be(name);
    }

    [Fact]
    public async Task Version_zero_means_the_stream_must_be_new()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk), Completed(1)));

        var again = () => db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));

        var conflict = (await again.Should().ThrowAsync<StreamConflictException>()).Which;
        conflict.StreamId.Should().Be(stream);
        conflict.ExpectedVersion.Should().Be(0);
        conflict.ActualVersion.Should().Be(2);
        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_stale_or_unknown_expected_version_is_a_conflict_naming_the_actual_version_and_writes_nothing()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk), Completed(1)));
        var hashesBefore = await db.CountAsync("sroi_event_hashes", Rijswijk, stream);

        var stale = () => db.Events.AppendAsync(Append(stream, 1, Completed(2)));
        var ahead = () => db.Events.AppendAsync(Append(stream, 5, Completed(3)));
        var missing = () => db.Events.AppendAsync(Append(NewStream(), 1, Completed(4)));

        (await stale.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(2);
        (await ahead.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(2);
        (await missing.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(0);
        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Select(e => e.StreamVersion).Should().Equal(1, 2);
        (await db.CountAsync("sroi_event_hashes", Rijswijk, stream)).Should().Be(hashesBefore);
        (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(2);
    }

    [Fact]
    public async Task An_empty_append_is_refused_and_writes_nothing()
    {
        var stream = NewStream();

        var act = () => db.Events.AppendAsync(Append(stream, 0));

        await act.Should().ThrowAsync<ArgumentException>();
        (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(0);
    }

    [Fact]
    public async Task Appends_at_the_right_version_follow_on_and_each_gets_the_next_versions()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
        for (var version = 1; version < 6; version++)
            await db.Events.AppendAsync(Append(stream, version, Completed(version)));

        var events = await db.Events.ReadStreamAsync(Rijswijk, stream);
        events.Select(e => e.StreamVersion).Should().Equal(1, 2, 3, 4, 5, 6);
        events.Skip(1).Select(e => ((ContractCompleted)ContractEventTypes.Deserialize(e.EventType, e.Data)).CompletedOn.Day)
            .Should().Equal(Enumerable.Range(1, 5).Select(d => Completed(d).CompletedOn.Day));
    }
}
