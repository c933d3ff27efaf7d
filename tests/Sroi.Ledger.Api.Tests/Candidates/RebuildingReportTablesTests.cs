using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>
/// The candidates' report tables and documents are a pure function of the log: Marten's daemon rebuilds them from the
/// events alone (wiping what is there first) and every row comes back as it was written inline.
/// </summary>
[Collection(ApiCollection.Name)]
public class RebuildingReportTablesTests(LedgerApi api)
{
    [Fact]
    public async Task Rebuilding_the_report_tables_from_the_events_gives_the_same_rows()
    {
        await RecordSmallHistoryAsync();
        var before = await ReportRowsAsync();
        before["placements"].Should().NotBeEmpty();
        before["candidate_treden"].Should().Contain(row => row.Contains("\"valid_until\": \"2020-06-01\""), "a trede change closed the first trede");

        // Rows the log does not explain go, rows it explains come back.
        await api.DataSource.ExecuteAsync("""
            INSERT INTO candidates (municipality, candidate_number, registered_on, target_group, recorded_from) VALUES ('GM0603', 'K-stray', '2020-01-01', 'ww', now());
            DELETE FROM placements WHERE id = (SELECT id FROM placements ORDER BY id LIMIT 1);
            UPDATE candidate_treden SET valid_until = NULL;
            """);
        (await ReportRowsAsync()).Should().NotBeEquivalentTo(before);

        var store = api.Services.GetRequiredService<IDocumentStore>();
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<CandidateReportTables>(TimeSpan.FromMinutes(2), CancellationToken.None);

        var after = await ReportRowsAsync();
        foreach (var table in CandidateReportTables.Tables)
            after[table].Should().Equal(before[table], $"{table} is a pure function of the candidate events");
    }

    [Fact]
    public async Task Rebuilding_the_candidate_documents_from_the_events_gives_the_same_documents()
    {
        var number = await RecordSmallHistoryAsync();
        var before = await RowsAsync("SELECT tenant_id || ' ' || id || ' ' || data::text FROM mt_doc_candidatedocument");
        var wsp = await api.ClientAsync("wsp");
        var read = await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK);

        var store = api.Services.GetRequiredService<IDocumentStore>();
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<CandidateFold>(TimeSpan.FromMinutes(2), CancellationToken.None);

        (await RowsAsync("SELECT tenant_id || ' ' || id || ' ' || data::text FROM mt_doc_candidatedocument")).Should().Equal(before);
        (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK)).ToJsonString()
            .Should().Be(read.ToJsonString());
    }

    /// <summary>
    /// Every kind of candidate event, in two municipalities: registrations (with and without benefit), trede changes,
    /// placements recorded (one through an SROI contract, one self-employed), corrected, ended and withdrawn, and a
    /// benefit end. Returns the number of the candidate with the longest history, in GM0603.
    /// </summary>
    private async Task<string> RecordSmallHistoryAsync()
    {
        var wsp = await api.ClientAsync("wsp");
        var contract = await (await api.ClientAsync("inkoop")).ContractAsync("regional");

        var number = await wsp.RegisterAsync();
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01")));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(3, "2021-02-01", "Terugval")));
        var sroi = await wsp.PlaceAsync(number, Placement(channel: "sroi", sroiContractId: contract, hours: 32));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{sroi}/correction",
            new JsonObject { ["startedOn"] = "2022-01-10", ["hoursPerWeek"] = 38, ["reason"] = "Startdatum verkeerd ingevoerd" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{sroi}/end",
            new JsonObject { ["endedOn"] = "2022-12-31", ["reason"] = "Contract afgelopen" }));
        var mistake = await wsp.PlaceAsync(number, Placement(startedOn: "2021-05-05"));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{mistake}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2022-02-01")));

        var elsewhere = await api.ClientAsync("wsp", "GM0518");
        var other = await elsewhere.RegisterAsync(Registration(municipality: "GM0518", targetGroup: "no-benefit", benefitSince: null, trede: 5));
        await elsewhere.PlaceAsync(other, Placement(startedOn: "2021-09-01").Without("employer").With("kind", "self-employed"));
        await elsewhere.PlaceAsync(other, Placement(startedOn: "2021-10-01", hours: 20));
        return number;
    }

    private static async Task Ok(Task<HttpResponseMessage> request) => await (await request).ShouldBeAsync(HttpStatusCode.OK);

    /// <summary>Every row of each report table, as text, in a fixed order.</summary>
    private async Task<Dictionary<string, List<string>>> ReportRowsAsync()
    {
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in CandidateReportTables.Tables)
            rows[table] = await RowsAsync($"SELECT to_jsonb(t)::text FROM {table} t");
        return rows;
    }

    private async Task<List<string>> RowsAsync(string select)
    {
        await using var command = api.DataSource.CreateCommand($"SELECT r FROM ({select}) AS rows (r) ORDER BY r COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
