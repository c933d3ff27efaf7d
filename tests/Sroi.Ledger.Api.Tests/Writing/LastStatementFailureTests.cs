using System.Net;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Writing;

/// <summary>
/// A write whose read-model statement fails is never acknowledged. The rebuild's attack (session 36) found that a failing
/// statement queued last on Marten's batch went unread and the commit of the aborted transaction rolled back without a
/// word; this holds the write path to it: a trede change's last statement is today's caseload's clean-up (a DELETE on
/// <c>caseload_changes</c>), made to fail by a statement-level trigger, and its first (an insert into it). It is not
/// acknowledged and records nothing (a forced deadlock every time: 409 after the writer's retries; any other error: the
/// server's 500, the database having failed under it). On a database of its own.
/// </summary>
public class LastStatementFailureTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Theory]
    [InlineData("BEFORE DELETE", "P0001")]
    [InlineData("BEFORE DELETE", "40P01")]
    [InlineData("BEFORE INSERT OR UPDATE", "P0001")]
    public async Task A_trede_change_whose_last_statement_fails_is_not_acknowledged(string when, string code)
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync(Registration());
        var events = await api.DataSource.ScalarAsync(Recorded);
        await api.DataSource.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
            BEGIN
                RAISE EXCEPTION 'forced by the test' USING ERRCODE = '{code}';
            END $$;
            CREATE TRIGGER forced_failure {when} ON caseload_changes FOR EACH STATEMENT EXECUTE FUNCTION forced_failure();
            """);
        HttpResponseMessage answer;
        try
        {
            answer = await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01"));
        }
        finally
        {
            await api.DataSource.ExecuteAsync("DROP TRIGGER forced_failure ON caseload_changes");
        }
        var body = await answer.Content.ReadAsStringAsync();
        var recorded = await api.DataSource.ScalarAsync(Recorded) - events;
        ((int)answer.StatusCode is >= 200 and < 300 && recorded == 0).Should().BeFalse(
            $"an acknowledged write is recorded (answered {(int)answer.StatusCode} {body}; events recorded: {recorded})");
        if ((int)answer.StatusCode is >= 200 and < 300) recorded.Should().BeGreaterThan(0);
        else recorded.Should().Be(0, $"a write answered {(int)answer.StatusCode} recorded nothing: {body}");
    }

    /// <summary>
    /// The same for a contract's registration with an Idempotency-Key, whose key is recorded by a statement queued after the
    /// events (its primary key backs the stream lock): a failure there (a duplicate key, 23505; anything else) is no 201.
    /// </summary>
    [Theory]
    [InlineData("23505")]
    [InlineData("P0001")]
    public async Task A_registration_whose_idempotency_record_fails_is_not_acknowledged(string code)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var events = await api.DataSource.ScalarAsync(Recorded);
        await api.DataSource.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
            BEGIN
                RAISE EXCEPTION 'forced by the test' USING ERRCODE = '{code}';
            END $$;
            CREATE TRIGGER forced_failure BEFORE INSERT ON idempotency_keys FOR EACH STATEMENT EXECUTE FUNCTION forced_failure();
            """);
        HttpResponseMessage answer;
        try
        {
            answer = await inkoop.PostJsonAsync("/api/v1/contracts", Contracts.ContractBodies.Registration(),
                r => r.Headers.TryAddWithoutValidation("Idempotency-Key", "last-statement-" + Contracts.ContractBodies.UniqueLetters(10)));
        }
        finally
        {
            await api.DataSource.ExecuteAsync("DROP TRIGGER forced_failure ON idempotency_keys");
        }
        var body = await answer.Content.ReadAsStringAsync();
        var recorded = await api.DataSource.ScalarAsync(Recorded) - events;
        ((int)answer.StatusCode is >= 200 and < 300).Should().BeFalse($"the key was not recorded (answered {(int)answer.StatusCode} {body})");
        recorded.Should().Be(0, $"a write answered {(int)answer.StatusCode} recorded nothing: {body}");
    }

    /// <summary>The ledger's events: Marten fills the sequence numbers a failed append took with tombstones, which are none.</summary>
    private const string Recorded = "SELECT count(*) FROM mt_events WHERE type <> 'tombstone'";
}
