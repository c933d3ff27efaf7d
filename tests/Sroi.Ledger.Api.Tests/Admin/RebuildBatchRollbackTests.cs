using Sroi.Ledger.Testing;
using System.Net;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Issue 23, the rebuild's candidate batches (CandidateBatchRefold): a batch is one transaction — its rows removed and made
/// again by a raw batch of statements, then its documents written by Marten's SaveChangesAsync. PostgreSQL may roll that
/// commit's work back (a deadlock, 40P01; session 38 saw it on today's caseload rows, which a batch wrote then): the batch
/// must then be refolded again whole, from the locks on, or the rebuild fail — never answer 200 with the batch's rows left as
/// they were, which it did: the rollback went unnoticed. The last statement a batch sends is now its documents' upsert, so
/// that is where the rollback is forced. On a database of its own: it puts a trigger on <c>mt_doc_candidatedocument</c>.
/// </summary>
public class RebuildBatchRollbackTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Fact]
    public async Task A_deadlock_at_a_candidate_batchs_commit_refolds_the_batch_again_whole()
    {
        var wsp = await api.ClientAsync("wsp");
        for (var i = 0; i < 3; i++)
        {
            var number = await wsp.RegisterAsync(Registration());
            await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01"))).ShouldBeAsync(HttpStatusCode.OK);
            await wsp.PlaceAsync(number, Placement(hours: 32));
        }
        var tables = await ReadModels.TablesAsync(api.DataSource);
        var before = await ReadModels.RowsAsync(api.DataSource, tables);
        before["candidate_status_spells"].Should().NotBeEmpty();
        before["caseload_changes"].Should().NotBeEmpty();

        // The candidates' status pieces lost (so a batch that is rolled back without a word leaves them lost), and PostgreSQL
        // rolling back the first statement that then writes a candidate document, as it does the loser of a deadlock.
        await ExecuteAsync("""
            DELETE FROM candidate_status_spells;
            CREATE SEQUENCE forced_deadlock;
            CREATE FUNCTION forced_deadlock() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
            BEGIN
                IF nextval('forced_deadlock') = 1 THEN
                    RAISE EXCEPTION 'deadlock detected (forced by the test)' USING ERRCODE = '40P01';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER forced_deadlock BEFORE INSERT OR UPDATE ON mt_doc_candidatedocument FOR EACH ROW EXECUTE FUNCTION forced_deadlock();
            """);

        var answer = await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null);
        var body = await answer.Content.ReadAsStringAsync();
        await ExecuteAsync("DROP TRIGGER forced_deadlock ON mt_doc_candidatedocument; DROP FUNCTION forced_deadlock()");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, $"a rolled-back batch is refolded again (it answered: {body})");
        // Session 38's bug: 200, and the batch silently rolled back — the last statements of Marten's batch (then today's
        // caseload) had their error never read, so the commit of the aborted transaction rolled back without a word, the
        // pieces still gone.
        await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, before, tables);
        (await ScalarAsync("SELECT last_value FROM forced_deadlock")).Should().BeGreaterThan(1, "the forced rollback happened, and a write of the documents after it");
    }

    private Task ExecuteAsync(string sql) => api.DataSource.ExecuteAsync(sql);

    private Task<long> ScalarAsync(string sql) => api.DataSource.ScalarAsync(sql);
}
