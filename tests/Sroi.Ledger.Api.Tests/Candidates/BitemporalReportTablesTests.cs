using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Candidates;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>
/// The report tables are bitemporal (Schema/040): each row is recorded from the timestamp of the event that made it
/// (<c>mt_events.timestamp</c>, to the microsecond) until the timestamp of the event that replaced it, and a change closes
/// the current row and inserts the changed one. A rebuild writes the same rows, so every report as known on any instant
/// answers the same after it.
/// </summary>
[Collection(ApiCollection.Name)]
public class BitemporalReportTablesTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM0787";

    [Fact]
    public async Task Each_row_is_recorded_from_its_events_timestamp_until_the_timestamp_of_the_event_that_replaced_it()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var number = await wsp.RegisterAsync(Registration(municipality: Municipality));                                      // 1
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01")));            // 2
        var placement = await wsp.PlaceAsync(number, Placement(startedOn: "2021-03-01"));                                   // 3
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/correction",
            new JsonObject { ["startedOn"] = "2022-01-10", ["reason"] = "Verkeerde startdatum" }));                           // 4
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/end",
            new JsonObject { ["endedOn"] = "2022-12-31", ["reason"] = "Contract afgelopen" }));                               // 5
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/withdrawal", new JsonObject { ["reason"] = "Dubbel" })); // 6
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2022-02-01")));                   // 7
        var at = await RowsAsync($"""
            SELECT to_char(timestamp, 'YYYY-MM-DD HH24:MI:SS.US') FROM mt_events
            WHERE tenant_id = '{Municipality}' AND stream_id = 'candidate-{Municipality}-{number}' ORDER BY version
            """, ordered: true);
        at.Should().HaveCount(7).And.OnlyHaveUniqueItems();
        const string infinity = "infinity";

        (await RowsAsync($"""
            SELECT concat_ws(' ', started_on, ended_on, withdrawn, {Interval}) FROM placements WHERE id = '{placement}' ORDER BY recorded_from
            """, ordered: true)).Should().Equal(
            $"2021-03-01 f {at[2]} {at[3]}",
            $"2022-01-10 f {at[3]} {at[4]}",
            $"2022-01-10 2022-12-31 f {at[4]} {at[5]}",
            $"2022-01-10 2022-12-31 t {at[5]} {infinity}");
        (await RowsAsync($"""
            SELECT concat_ws(' ', seq, trede, valid_from, coalesce(valid_until::text, 'open'), {Interval}) FROM candidate_treden
            WHERE candidate_number = '{number}' ORDER BY seq, recorded_from
            """, ordered: true)).Should().Equal(
            $"1 2 2020-01-06 open {at[0]} {at[1]}",
            $"1 2 2020-01-06 2020-06-01 {at[1]} {infinity}",
            $"2 4 2020-06-01 open {at[1]} {infinity}");
        (await RowsAsync($"""
            SELECT concat_ws(' ', coalesce(benefit_ended_on::text, 'running'), {Interval}) FROM candidates
            WHERE candidate_number = '{number}' ORDER BY recorded_from
            """, ordered: true)).Should().Equal($"running {at[0]} {at[6]}", $"2022-02-01 {at[6]} {infinity}");
    }

    [Fact]
    public async Task A_rebuild_gives_every_report_as_known_on_every_instant_the_same_answer()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var contract = await (await api.ClientAsync("inkoop", Municipality)).ContractAsync("regional", ownPercentage: true);
        var number = await wsp.RegisterAsync(Registration(municipality: Municipality, registeredOn: "2020-01-06"));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2021-06-01")));
        var sroi = await wsp.PlaceAsync(number, Placement(startedOn: "2021-03-01", channel: "sroi", sroiContractId: contract));
        var other = await wsp.PlaceAsync(number, Placement(startedOn: "2021-05-01"));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{sroi}/correction",
            new JsonObject { ["channel"] = "job-market", ["reason"] = "Kanaal verkeerd" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{other}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }));
        await Ok(wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2021-09-01")));
        var moments = await RowsAsync($"""
            SELECT to_char(timestamp, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM mt_events WHERE tenant_id = '{Municipality}' AND stream_id LIKE 'candidate-%'
            """);
        moments.Should().HaveCountGreaterThanOrEqualTo(7);
        var auditor = await api.ClientAsync("auditor", Municipality);
        string[] reports =
        [
            "/api/v1/reports/placements?year=2021", "/api/v1/reports/sroi-placements?year=2021",
            "/api/v1/reports/trede-distribution?asOf=2021-07-01", "/api/v1/reports/trede-flow?year=2021",
            // Issue 22: today's caseload from its kept count (Schema/130), which the rebuild wipes and keeps again.
            "/api/v1/reports/caseload?asOf=2021-07-01",
        ];

        async Task<List<string>> AnswersAsync()
        {
            var answers = new List<string>();
            foreach (var report in reports)
                foreach (var moment in moments.Append(null))
                    answers.Add(report + " " + (await (await auditor.GetAsync(moment is null ? report : $"{report}&asKnownOn={moment}"))
                        .ShouldBeAsync(HttpStatusCode.OK)).ToJsonString());
            return answers;
        }

        var before = await AnswersAsync();
        before.Distinct().Count().Should().BeGreaterThan(reports.Length * 2, "the answers move with the instant");
        var store = api.Services.GetRequiredService<IDocumentStore>();
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<CandidateReportTables>(TimeSpan.FromMinutes(2), CancellationToken.None);
        (await AnswersAsync()).Should().Equal(before);
    }

    /// <summary>A row's recorded interval as text, to the microsecond.</summary>
    private const string Interval =
        "to_char(recorded_from, 'YYYY-MM-DD HH24:MI:SS.US'), CASE WHEN recorded_until = 'infinity' THEN 'infinity' ELSE to_char(recorded_until, 'YYYY-MM-DD HH24:MI:SS.US') END";

    private static async Task Ok(Task<HttpResponseMessage> request) => await (await request).ShouldBeAsync(HttpStatusCode.OK);

    private async Task<List<string>> RowsAsync(string select, bool ordered = false)
    {
        await using var command = api.DataSource.CreateCommand(select);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return ordered ? rows : [.. rows.Order(StringComparer.Ordinal)];
    }
}
