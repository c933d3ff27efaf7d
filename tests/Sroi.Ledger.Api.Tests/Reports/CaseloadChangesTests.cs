using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// Today's caseload is summed from a count kept per day of change (Schema/130, <c>caseload_changes</c>), the caseload as
/// known on an instant from the status pieces' versions (Schema/110). After every kind of status event the two give the
/// same report on every date where something changes and the day before it; appends running at once all land in the
/// count; and the script's back-fill, on a database from before it holding the same pieces, keeps the same counts.
/// (A rebuild: RebuildingReportTablesTests and BitemporalReportTablesTests, the table being one of CandidateReportTables.Tables.)
/// </summary>
[Collection(ApiCollection.Name)]
public class CaseloadChangesTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9613";

    /// <summary>Used by no other test: the appends at once.</summary>
    private const string AtOnce = "GM9614";

    [Fact]
    public async Task Todays_kept_count_answers_as_the_pieces_on_every_date_and_the_backfill_keeps_the_same_counts()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        // A: a trede change, a benefit act change (cuts a piece, counts nowhere), out of the WSP's service and back, a benefit end.
        var a = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06", trede: 2, benefitSince: "2019-11-01", municipality: Municipality));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{a}/trede-changes", TredeChange(3, "2020-06-01")));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{a}/benefit-act", new JsonObject { ["benefitAct"] = "ioaw", ["effectiveOn"] = "2020-09-01" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{a}/wsp-service", new JsonObject { ["served"] = false, ["effectiveOn"] = "2021-01-01" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{a}/wsp-service", new JsonObject { ["served"] = true, ["effectiveOn"] = "2021-07-01" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{a}/benefit-end", BenefitEnd("2022-03-31")));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{a}/trede-changes", TredeChange(5, "2022-06-01")));
        // B without a benefit; C whose benefit ends; D registered later.
        await wsp.RegisterAsync(Registration(registeredOn: "2020-03-02", trede: 1, targetGroup: "no-benefit", benefitSince: null, municipality: Municipality));
        var c = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06", trede: 4, benefitSince: "2018-05-01", municipality: Municipality));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{c}/benefit-end", BenefitEnd("2021-02-28")));
        await wsp.RegisterAsync(Registration(registeredOn: "2021-05-01", trede: 6, targetGroup: "no-benefit", benefitSince: null, municipality: Municipality));
        var last = (await RowsAsync(api.DataSource, $"""
            SELECT to_char(max(timestamp), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM mt_events WHERE tenant_id = '{Municipality}'
            """)).Single();

        string[] changes = ["2020-01-06", "2020-03-02", "2020-06-01", "2020-09-01", "2021-01-01", "2021-02-28", "2021-05-01", "2021-07-01", "2022-03-31", "2022-06-01"];
        foreach (var day in changes.SelectMany(d => new[] { LocalDatePlus(d, -1), d, LocalDatePlus(d, 1) }))
        {
            var today = await GetAsync(wsp, $"/api/v1/reports/caseload?asOf={day}");
            var fromPieces = await GetAsync(wsp, $"/api/v1/reports/caseload?asOf={day}&asKnownOn={last}");
            today.ToJsonString().Should().Be(fromPieces.ToJsonString(), $"the kept count and the pieces on {day}");
        }
        (await CountsAsync(wsp, "2020-01-05")).Should().Be((0L, 0L, "0 0 0 0 0 0"));
        (await CountsAsync(wsp, "2020-01-06")).Should().Be((2L, 2L, "0 1 0 1 0 0"));
        (await CountsAsync(wsp, "2020-06-01")).Should().Be((3L, 2L, "1 0 1 1 0 0"));
        (await CountsAsync(wsp, "2021-01-01")).Should().Be((2L, 1L, "1 0 0 1 0 0"), "A is out of the WSP's service");
        (await CountsAsync(wsp, "2021-02-28")).Should().Be((2L, 0L, "1 0 0 1 0 0"), "C's benefit ended");
        (await CountsAsync(wsp, "2021-07-01")).Should().Be((4L, 1L, "1 0 1 1 0 1"), "A is served again, D registered");
        (await CountsAsync(wsp, "2022-03-31")).Should().Be((4L, 0L, "1 0 1 1 0 1"), "A's benefit ended");
        (await CountsAsync(wsp, "2031-01-01")).Should().Be((4L, 0L, "1 0 0 1 1 1"));

        // The upgrade: a database migrated up to 129 holding the same status pieces (every version), then Schema/130.
        // Every row, those of 0 too: the count keeps none (Schema/131), so it is exactly the back-fill's sums.
        const string Kept = $"SELECT concat_ws(' ', day, trede, with_benefit::text, change) FROM caseload_changes WHERE municipality = '{Municipality}' ORDER BY day, trede, with_benefit";
        var kept = await RowsAsync(api.DataSource, Kept);
        kept.Should().HaveCountGreaterThan(10);
        var connectionString = await TestPostgres.CreateDatabaseAsync("schema130");
        try
        {
            await using var before = LedgerDataSource.Create(connectionString);
            using (var store = LedgerStoreOptions.CreateStore(before))
                await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            await SchemaMigrations.ApplyUnlessInPlaceAsync(before, typeof(LedgerEvents).Assembly, EventChainSchema.Script, EventChainSchema.InPlace);
            await SchemaMigrations.ApplyAsync(before, "api", typeof(LedgerDatabase).Assembly, upTo: 129);
            (await RowsAsync(before, "SELECT (to_regclass('caseload_changes') IS NULL)::text")).Should().Equal("true");
            var json = (await RowsAsync(api.DataSource, $"SELECT json_agg(r)::text FROM candidate_status_spells r WHERE r.municipality = '{Municipality}'")).Single();
            await using (var copy = before.CreateCommand("INSERT INTO candidate_status_spells SELECT * FROM json_populate_recordset(NULL::candidate_status_spells, $1::json)"))
            {
                copy.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                (await copy.ExecuteNonQueryAsync()).Should().BeGreaterThan(10);
            }
            await SchemaMigrations.ApplyAsync(before, "api", typeof(LedgerDatabase).Assembly);
            (await RowsAsync(before, Kept)).Should().Equal(kept);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Appends_at_once_on_the_same_day_all_land_in_the_kept_count()
    {
        var wsp = await api.ClientAsync("wsp", AtOnce);
        const int Candidates = 12;
        var numbers = Enumerable.Range(0, Candidates).Select(_ => UniqueNumber()).ToList();
        await Task.WhenAll(numbers.Select(n => wsp.RegisterAsync(Registration(n, registeredOn: "2020-02-03", trede: 3, municipality: AtOnce))));
        await Task.WhenAll(numbers.Select(n => Ok(wsp.PostJsonAsync($"/api/v1/candidates/{n}/trede-changes", TredeChange(4, "2020-05-04")))));
        await Task.WhenAll(numbers.Take(5).Select(n => Ok(wsp.PostJsonAsync($"/api/v1/candidates/{n}/benefit-end", BenefitEnd("2020-05-04")))));

        (await CountsAsync(wsp, "2020-02-03")).Should().Be((12L, 12L, "0 0 12 0 0 0"));
        (await CountsAsync(wsp, "2020-05-04")).Should().Be((12L, 7L, "0 0 0 12 0 0"));
        (await RowsAsync(api.DataSource, $"""
            SELECT concat_ws(' ', day, trede, with_benefit::text, change) FROM caseload_changes WHERE municipality = '{AtOnce}'
            ORDER BY day, trede, with_benefit
            """)).Should().Equal("2020-02-03 3 true 12", "2020-05-04 3 true -12", "2020-05-04 4 false 5", "2020-05-04 4 true 7");
    }

    /// <summary>Today's report in the client's municipality: the total, with a benefit, and the count per trede 1–6.</summary>
    private static async Task<(long Total, long WithBenefit, string ByTrede)> CountsAsync(HttpClient wsp, string asOf)
    {
        var report = await GetAsync(wsp, $"/api/v1/reports/caseload?asOf={asOf}");
        return (report.Long("total"), report.Long("withBenefit.count"),
            string.Join(' ', report["byTrede"]!.AsArray().Select(t => t!.Long("count"))));
    }

    private static string LocalDatePlus(string day, int days) => DateOnly.Parse(day).AddDays(days).ToString("yyyy-MM-dd");

    private static async Task<JsonNode> GetAsync(HttpClient client, string path) => await (await client.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);

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
