using System.Net;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// A rebuild (<c>POST /api/v1/admin/projections/rebuild</c>) that a statement error stops answers problem+json, never a
/// 500: 503 with Retry-After when PostgreSQL rolled the piece back every time it was tried (a deadlock, a lock timeout:
/// try again later), else 409 <c>rebuild.failed</c> naming the piece and PostgreSQL's error (someone must look at it). Either
/// way every read table is as it was: each piece is folded in a transaction of its own, the failed one rolled back, and
/// the ones before it fold to what they held. A statement is made to fail by a statement-level trigger: on a candidates'
/// report table (the rebuild's own batch of statements) and on the contracts' document table (Marten's batch). Before this
/// test the answer was the server's 500. On a database of its own: it puts triggers on read tables.
/// </summary>
public class FailedRebuildTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Theory]
    [InlineData("candidate_status_spells", "P0001", HttpStatusCode.Conflict)]
    [InlineData(Sroi.Ledger.Api.Contracts.ContractStorage.Table, "P0001", HttpStatusCode.Conflict)]
    [InlineData("candidate_status_spells", "40P01", HttpStatusCode.ServiceUnavailable)]
    [InlineData(Sroi.Ledger.Api.Contracts.ContractStorage.Table, "55P03", HttpStatusCode.ServiceUnavailable)]
    public async Task A_rebuild_stopped_by_a_statement_error_answers_a_problem_and_leaves_every_read_table_as_it_was(
        string table, string code, HttpStatusCode expected)
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync(Registration());
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01"))).ShouldBeAsync(HttpStatusCode.OK);
        await wsp.PlaceAsync(number, Placement(hours: 32));
        var inkoop = await api.ClientAsync("inkoop");
        await (await inkoop.PostJsonAsync("/api/v1/contracts", Contracts.ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
        var tables = await ReadModels.TablesAsync(api.DataSource);
        var right = await ReadModels.RowsAsync(api.DataSource, tables);
        right["candidate_status_spells"].Should().NotBeEmpty();
        right[Sroi.Ledger.Api.Contracts.ContractStorage.Table].Should().NotBeEmpty();
        // The candidate's status pieces lost, so the rebuild has them to write (where a table is right it writes nothing there).
        await api.DataSource.ExecuteAsync($"DELETE FROM candidate_status_spells WHERE candidate_number = '{number}'");
        var before = await ReadModels.RowsAsync(api.DataSource, tables);
        before["candidate_status_spells"].Should().HaveCountLessThan(right["candidate_status_spells"].Count);

        await api.DataSource.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
            BEGIN
                RAISE EXCEPTION 'forced by the test' USING ERRCODE = '{code}';
            END $$;
            CREATE TRIGGER forced_failure BEFORE INSERT OR UPDATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION forced_failure();
            """);
        HttpResponseMessage answer;
        try
        {
            answer = await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null);
        }
        finally
        {
            await api.DataSource.ExecuteAsync($"DROP TRIGGER forced_failure ON {table}");
        }

        var problem = await answer.ShouldBeAsync(expected);
        problem["code"]!.GetValue<string>().Should().Be(expected == HttpStatusCode.Conflict ? "rebuild.failed" : "rebuild.rolled-back");
        problem["detail"]!.GetValue<string>().Should().Contain(code, "the operator sees PostgreSQL's error");
        if (expected == HttpStatusCode.ServiceUnavailable)
            answer.Headers.RetryAfter!.Delta.Should().BePositive();
        await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, before, tables);

        // Nothing is left half-done: the next rebuild runs (the database-wide lock was released), answers 200 and makes the lost rows again.
        await (await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
        await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, right, tables);
    }
}
