using Marten;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Tenancy;

/// <summary>Each municipality (Marten's conjoined tenant) has its own streams, even under the same stream id.</summary>
public class TenancyTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    [Fact]
    public async Task The_same_stream_id_in_two_municipalities_is_two_streams_with_two_chains()
    {
        var stream = NewStream();
        var inRijswijk = Registered(Rijswijk);
        var inDelft = Registered(Delft);

        await db.Events.AppendAsync(Append(Rijswijk, stream, 0, inRijswijk));
        await db.Events.AppendAsync(Append(Delft, stream, 0, inDelft));
        await db.Events.AppendAsync(Append(Delft, stream, 1, Completed(1)));

        var rijswijk = await db.Events.ReadStreamAsync(Rijswijk, stream);
        var delft = await db.Events.ReadStreamAsync(Delft, stream);
        rijswijk.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data)).Should().Equal(inRijswijk);
        delft.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data)).Should().Equal(inDelft, Completed(1));
        rijswijk.Should().OnlyContain(e => e.Tenant == Rijswijk.Value);
        delft.Should().OnlyContain(e => e.Tenant == Delft.Value);
        (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(1);
        (await db.Events.StreamVersionAsync(Delft, stream)).Should().Be(2);
        EventChainVerifier.Verify(stream, rijswijk).Should().Be(new ChainVerification(stream, 1, null));
        EventChainVerifier.Verify(stream, delft).Should().Be(new ChainVerification(stream, 2, null));
        rijswijk[0].Hash.Should().NotEqual(delft[0].Hash, "the tenant is part of what each link covers");
        (await db.ScalarAsync("SELECT count(*) FROM mt_streams WHERE id = $1", stream.Value)).Should().Be(2);
    }

    [Fact]
    public async Task A_municipality_does_not_see_another_municipalitys_stream()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(Rijswijk, stream, 0, Registered(Rijswijk), Completed(1)));

        (await db.Events.ReadStreamAsync(Delft, stream)).Should().BeEmpty();
        (await db.Events.StreamVersionAsync(Delft, stream)).Should().Be(0);
        await using (var session = db.Store.QuerySession(Delft.Value))
        {
            (await session.Events.FetchStreamAsync(stream.Value)).Should().BeEmpty();
            (await session.Events.FetchStreamStateAsync(stream.Value)).Should().BeNull();
        }

        // Appending in Delft at Rijswijk's version is a conflict with Delft's own (empty) stream, not a write to Rijswijk's.
        var atRijswijksVersion = () => db.Events.AppendAsync(Append(Delft, stream, 2, Completed(2)));
        (await atRijswijksVersion.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(0);
        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Should().HaveCount(2);
        (await db.Events.ReadStreamAsync(Delft, stream)).Should().BeEmpty();
    }

    [Fact]
    public async Task Starting_a_stream_in_one_municipality_does_not_collide_with_the_same_id_elsewhere()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(Rijswijk, stream, 0, Registered(Rijswijk)));
        await db.Events.AppendAsync(Append(Delft, stream, 0, Registered(Delft)));

        var secondStartInDelft = () => db.Events.AppendAsync(Append(Delft, stream, 0, Registered(Delft)));
        (await secondStartInDelft.Should().ThrowAsync<StreamConflictException>()).Which.ActualVersion.Should().Be(1);
    }
}
