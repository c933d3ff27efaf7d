using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The status pieces the benefit stock and caseload reports read (Schema/110, <c>candidate_status_spells</c>): after each
/// event that changes a candidate's row, trede, benefit act or WSP service, the projection gives a new version only to the
/// pieces that changed, at that event's recorded time, so a report as known on an earlier instant reads the pieces as
/// they were then. The script's back-fill, run on a database from before it that holds the same rows, writes exactly the
/// rows the projection wrote.
/// </summary>
[Collection(ApiCollection.Name)]
public class CandidateStatusSpellsTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM0877";

    [Fact]
    public async Task A_piece_changes_only_when_its_facts_change_as_recorded_and_the_backfill_writes_the_same_rows()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var number = await wsp.RegisterAsync(Registration(municipality: Municipality, registeredOn: "2020-01-06", trede: 2));          // 1
        var candidate = $"/api/v1/candidates/{number}";
        await Ok(wsp.PostJsonAsync($"{candidate}/trede-changes",
            new JsonObject { ["trede"] = 3, ["effectiveOn"] = "2020-06-01", ["reason"] = "Herbeoordeling" }));                         // 2
        await Ok(wsp.PostJsonAsync($"{candidate}/benefit-act", new JsonObject { ["benefitAct"] = "ioaw", ["effectiveOn"] = "2021-01-01" }));  // 3
        await Ok(wsp.PostJsonAsync($"{candidate}/wsp-service", new JsonObject { ["served"] = false, ["effectiveOn"] = "2021-01-01" }));   // 4
        await Ok(wsp.PostJsonAsync($"{candidate}/benefit-end", new JsonObject { ["effectiveOn"] = "2022-03-31", ["reason"] = "other" }));  // 5
        var at = await RowsAsync(api.DataSource, $"""
            SELECT to_char(timestamp, 'YYYY-MM-DD HH24:MI:SS.US') FROM mt_events
            WHERE tenant_id = '{Municipality}' AND stream_id = 'candidate-{Municipality}-{number}' ORDER BY version
            """);
        at.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        const string infinity = "infinity";

        // valid_from valid_until trede served act benefit_ended_on recorded_from recorded_until: the benefit's end (5)
        // changes every piece; the act (3) only the piece it cuts, the service (4) only the piece from its date.
        var rows = await RowsAsync(api.DataSource, Pieces);
        rows.Should().Equal(
            $"2020-01-06 infinity 2 true participatiewet {at[0]} {at[1]}",
            $"2020-01-06 2020-06-01 2 true participatiewet {at[1]} {at[4]}",
            $"2020-01-06 2020-06-01 2 true participatiewet 2022-03-31 {at[4]} {infinity}",
            $"2020-06-01 infinity 3 true participatiewet {at[1]} {at[2]}",
            $"2020-06-01 2021-01-01 3 true participatiewet {at[2]} {at[4]}",
            $"2020-06-01 2021-01-01 3 true participatiewet 2022-03-31 {at[4]} {infinity}",
            $"2021-01-01 infinity 3 true ioaw {at[2]} {at[3]}",
            $"2021-01-01 infinity 3 false ioaw {at[3]} {at[4]}",
            $"2021-01-01 infinity 3 false ioaw 2022-03-31 {at[4]} {infinity}");

        // The upgrade: a database migrated up to 100 holding the same rows of the four tables, then Schema/110 and after.
        var connectionString = await TestPostgres.CreateDatabaseAsync("schema110");
        try
        {
            await using var before = LedgerDataSource.Create(connectionString);
            using (var store = LedgerStoreOptions.CreateStore(before))
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            await SchemaMigrations.ApplyUnlessInPlaceAsync(before, typeof(LedgerEvents).Assembly, EventChainSchema.Script, EventChainSchema.InPlace);
            await SchemaMigrations.ApplyAsync(before, "api", typeof(LedgerDatabase).Assembly, upTo: 100);
            (await RowsAsync(before, "SELECT (to_regclass('candidate_status_spells') IS NULL)::text")).Should().Equal("true");
            foreach (var (table, versions) in new[] { ("candidates", 2), ("candidate_treden", 3), ("candidate_benefit_acts", 3), ("candidate_wsp_service", 3) })
            {
                var json = (await RowsAsync(api.DataSource, $"SELECT json_agg(r)::text FROM {table} r WHERE r.municipality = '{Municipality}'")).Single();
                await using var copy = before.CreateCommand($"INSERT INTO {table} SELECT * FROM json_populate_recordset(NULL::{table}, $1::json)");
                copy.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                (await copy.ExecuteNonQueryAsync()).Should().Be(versions, $"the versions of {table}");
            }
            await SchemaMigrations.ApplyAsync(before, "api", typeof(LedgerDatabase).Assembly);
            (await RowsAsync(before, Pieces)).Should().Equal(rows);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private const string Pieces = $"""
        SELECT concat_ws(' ', valid_from, valid_until, trede, served::text, benefit_act, benefit_ended_on,
                         to_char(recorded_from, 'YYYY-MM-DD HH24:MI:SS.US'),
                         CASE WHEN recorded_until = 'infinity' THEN 'infinity' ELSE to_char(recorded_until, 'YYYY-MM-DD HH24:MI:SS.US') END)
        FROM candidate_status_spells WHERE municipality = '{Municipality}' ORDER BY valid_from, recorded_from
        """;

    private static async Task Ok(Task<HttpResponseMessage> request) => await (await request).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<List<string>> RowsAsync(NpgsqlDataSource db, string select)
    {
        await using var command = db.CreateCommand(select);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
