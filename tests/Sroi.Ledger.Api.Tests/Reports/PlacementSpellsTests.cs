using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The spells of work the durable placements report reads (Schema/100, <c>placement_spells</c>): after each placement
/// event the projection gives a new version only to the placements whose spell end changed, at that event's recorded
/// time, so a report as known on an earlier instant reads the spells as they were then. The script's back-fill, run on
/// a database from before it that holds the same placement rows, writes exactly the rows the projection wrote.
/// </summary>
[Collection(ApiCollection.Name)]
public class PlacementSpellsTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM0788";

    [Fact]
    public async Task A_spell_end_changes_with_the_candidates_other_placements_as_recorded_and_the_backfill_writes_the_same_rows()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var number = await wsp.RegisterAsync(Registration(municipality: Municipality));                                          // 1
        var a = await wsp.PlaceAsync(number, Placement(startedOn: "2021-01-04"));                                                // 2
        await Ok(wsp.PostJsonAsync(PathOf(number, a, "end"), new JsonObject { ["endedOn"] = "2021-03-31", ["reason"] = "Einde" }));  // 3
        var b = await wsp.PlaceAsync(number, Placement(startedOn: "2021-04-01"));                                                // 4: continues A's spell
        await Ok(wsp.PostJsonAsync(PathOf(number, b, "end"), new JsonObject { ["endedOn"] = "2021-09-30", ["reason"] = "Einde" }));  // 5
        var c = await wsp.PlaceAsync(number, Placement(startedOn: "2022-02-01"));                                                // 6: a spell of its own
        await Ok(wsp.PostJsonAsync(PathOf(number, b, "withdrawal"), new JsonObject { ["reason"] = "Dubbel" }));                    // 7
        await Ok(wsp.PostJsonAsync(PathOf(number, a, "end-correction"),
            new JsonObject { ["endedOn"] = "2021-05-31", ["reason"] = "Later geëindigd" }));                                      // 8
        var at = await RowsAsync(api.DataSource, $"""
            SELECT to_char(timestamp, 'YYYY-MM-DD HH24:MI:SS.US') FROM mt_events
            WHERE tenant_id = '{Municipality}' AND stream_id = 'candidate-{Municipality}-{number}' ORDER BY version
            """);
        at.Should().HaveCount(8).And.OnlyHaveUniqueItems();
        const string infinity = "infinity";

        var rows = Labelled(await RowsAsync(api.DataSource, Spells), (a, "A"), (b, "B"), (c, "C"));
        rows.Should().Equal(
            $"A 2021-01-04 infinity {at[1]} {at[2]}",
            $"A 2021-01-04 2021-03-31 {at[2]} {at[3]}",
            $"A 2021-01-04 infinity {at[3]} {at[4]}",
            $"A 2021-01-04 2021-09-30 {at[4]} {at[6]}",
            $"A 2021-01-04 2021-03-31 {at[6]} {at[7]}",
            $"A 2021-01-04 2021-05-31 {at[7]} {infinity}",
            $"B 2021-04-01 infinity {at[3]} {at[4]}",
            $"B 2021-04-01 2021-09-30 {at[4]} {at[6]}",
            $"C 2022-02-01 infinity {at[5]} {infinity}");

        // The upgrade: a database migrated up to 095 holding the same placement rows, then Schema/100 and after.
        var connectionString = await TestPostgres.CreateDatabaseAsync("schema100");
        try
        {
            await using var before = LedgerDataSource.Create(connectionString);
            using (var store = LedgerStoreOptions.CreateStore(before))
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            await SchemaMigrations.ApplyUnlessInPlaceAsync(before, typeof(LedgerEvents).Assembly, EventChainSchema.Script, EventChainSchema.InPlace);
            await SchemaMigrations.ApplyAsync(before, "api", typeof(LedgerDatabase).Assembly, upTo: 95);
            (await RowsAsync(before, "SELECT (to_regclass('placement_spells') IS NULL)::text")).Should().Equal("true");
            var placements = (await RowsAsync(api.DataSource, $"SELECT json_agg(p)::text FROM placements p WHERE p.municipality = '{Municipality}'")).Single();
            await using (var copy = before.CreateCommand("INSERT INTO placements SELECT * FROM json_populate_recordset(NULL::placements, $1::json)"))
            {
                copy.Parameters.Add(new NpgsqlParameter { Value = placements, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                (await copy.ExecuteNonQueryAsync()).Should().Be(7, "A has three versions (recorded, ended, end corrected), B three (recorded, ended, withdrawn), C one");
            }
            await SchemaMigrations.ApplyAsync(before, "api", typeof(LedgerDatabase).Assembly);
            Labelled(await RowsAsync(before, Spells), (a, "A"), (b, "B"), (c, "C")).Should().Equal(rows);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static string PathOf(string number, string placement, string action) => $"/api/v1/candidates/{number}/placements/{placement}/{action}";

    private const string Spells = $"""
        SELECT concat_ws(' ', id, started_on, worked_until,
                         to_char(recorded_from, 'YYYY-MM-DD HH24:MI:SS.US'),
                         CASE WHEN recorded_until = 'infinity' THEN 'infinity' ELSE to_char(recorded_until, 'YYYY-MM-DD HH24:MI:SS.US') END)
        FROM placement_spells WHERE municipality = '{Municipality}' ORDER BY recorded_from
        """;

    /// <summary>Each row with its placement's id as a letter, ordered by placement, then recorded time.</summary>
    private static List<string> Labelled(List<string> rows, params (string Id, string Label)[] labels) =>
        [.. rows.Select(row => labels.Aggregate(row, (r, l) => r.Replace(l.Id, l.Label, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(row => row[0])];

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
