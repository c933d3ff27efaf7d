using System.Net;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Writing;

/// <summary>
/// A commit PostgreSQL rolls back (a deadlock: in the cluster failover test, a restarting node's DDL against an append)
/// is decided again by the writer from the stream's lock on, not answered with a 500 or a 409. Here a trigger of the
/// test's own refuses the contract's appends with 40P01 five times in a row: Marten replays a refused commit three times
/// itself and then gives up (four refusals), the writer decides again, the fifth refusal is that attempt's first try, and
/// Marten's replay of it (the trigger's sixth run, which passes) is refused before its commit: it ran in a new transaction,
/// without the stream's lock (EventLog/CallerTransaction). The writer's third attempt, under the lock, is recorded.
/// Refused on every attempt, the write is a 409 that says nothing was recorded.
/// </summary>
[Collection(ApiCollection.Name)]
public class RolledBackCommitTests(LedgerApi api)
{
    [Fact]
    public async Task A_report_whose_commit_is_rolled_back_five_times_is_decided_again_and_recorded_once()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        await using var refusals = await RefusedAsync(contract, times: 5);

        var reported = await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", FulfilmentBodies.Training(1_250m));

        await reported.ShouldBeAsync(HttpStatusCode.Created);
        (await refusals.AttemptsAsync()).Should().Be(7, "five refused attempts, Marten's replay without the lock refused, then the one recorded");
        (await EventsAsync(contract)).Should().Be(2, "the registration and the one report");
    }

    [Fact]
    public async Task A_report_rolled_back_on_every_attempt_is_a_409_and_records_nothing()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        await using var refusals = await RefusedAsync(contract, times: 1_000);

        var reported = await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", FulfilmentBodies.Training(1_250m));

        var problem = await reported.ShouldBeAsync(HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().Should().Contain("nothing was recorded, retry");
        (await refusals.AttemptsAsync()).Should().Be(12, "three attempts of the writer, each commit tried four times by Marten");
        (await EventsAsync(contract)).Should().Be(1, "only the registration");
    }

    /// <summary>A trigger of the test's own that refuses the contract's appends with 40P01 <paramref name="times"/> times; dropped on dispose.</summary>
    private async Task<Refusals> RefusedAsync(ContractUnderReport contract, int times)
    {
        var name = $"test_rollback_{Guid.NewGuid():N}";
        await api.DataSource.ExecuteAsync($$"""
            CREATE SEQUENCE {{name}};
            GRANT USAGE ON SEQUENCE {{name}} TO PUBLIC; -- the service's role appends
            CREATE FUNCTION {{name}}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- nextval is not rolled back with the refused transaction: it counts the attempts.
                IF NEW.stream_id = 'contract-{{contract.Id}}' AND nextval('{{name}}') <= {{times}} THEN
                    RAISE EXCEPTION 'a deadlock, for the test' USING ERRCODE = '40P01';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER {{name}} AFTER INSERT ON mt_events FOR EACH ROW EXECUTE FUNCTION {{name}}();
            """);
        return new Refusals(api.DataSource, name);
    }

    private sealed class Refusals(Npgsql.NpgsqlDataSource db, string name) : IAsyncDisposable
    {
        public Task<long> AttemptsAsync() => db.ScalarAsync($"SELECT last_value FROM {name}");

        public async ValueTask DisposeAsync() =>
            await db.ExecuteAsync($"DROP TRIGGER {name} ON mt_events; DROP FUNCTION {name}(); DROP SEQUENCE {name};");
    }

    private Task<long> EventsAsync(ContractUnderReport contract) =>
        api.DataSource.ScalarAsync($"SELECT count(*) FROM mt_events WHERE stream_id = 'contract-{contract.Id}'");
}
