using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The acceptance tests of the benefit stock by duration (seed 002) and the WSP's caseload (seeds 001, 002): a history
/// recorded through the HTTP API — registrations first (some naming an act or not served), then the dated changes of act,
/// WSP service and trede and the benefit ends — and the reports checked: the published figures as literals, every other
/// number against a model of the same history; and as known between the two phases, the registrations' numbers.
/// </summary>
[Collection(ApiCollection.Name)]
public class BenefitStockFiguresTests(LedgerApi api)
{
    /// <summary>Used by no other test, so the figures are these histories' only.</summary>
    private const string StockMunicipality = "GM9221";
    private const string CaseloadMunicipality = "GM9222";

    [Fact]
    public async Task The_benefit_duration_report_reproduces_the_kadernotas_table()
    {
        var auditor = await api.ClientAsync("auditor", StockMunicipality);
        var history = BenefitStockHistory.Stock();
        var registered = await RecordAsync(StockMunicipality, history);
        var path = $"/api/v1/reports/benefit-duration?asOf={StockCandidate.Iso(BenefitStockHistory.StockOn)}";

        var report = await GetAsync(auditor, path);
        var total = report["total"]!;
        total.Long("count").Should().Be(1787);
        Bands(total).Should().Equal(352, 316, 172, 313, 634);
        total["bands"]!.AsArray().Select(b => b!.Decimal("percentage")).Should().Equal(19.7m, 17.7m, 9.6m, 17.5m, 35.5m);
        Bands(report["byAct"]!["participatiewet"]!).Should().Equal(BenefitStockHistory.Participatiewet);
        Bands(report["ioawIoaz"]!).Should().Equal(BenefitStockHistory.IoawIoaz);
        report["ioawIoaz"]!.Long("count").Should().Be(78);
        // "33% van het bestand uitkeringsgerechtigden wordt bediend door het WSP"; "van de mensen die relatief kort in de
        // uitkering zitten (< 2 jaar), wordt 70% bediend door het WSP".
        (total.Long("servedByWsp"), total.Decimal("servedPercentage")).Should().Be((590, 33.0m));
        var shortServed = Served(total).Take(2).Sum();
        decimal.Round(shortServed * 100m / (352 + 316)).Should().Be(70);
        ShouldEqual(report["bands"]!, JsonNode.Parse("""
            [{"band":"0-1","fromYears":0,"untilYears":1},{"band":"1-2","fromYears":1,"untilYears":2},{"band":"2-3","fromYears":2,"untilYears":3},{"band":"3-5","fromYears":3,"untilYears":5},{"band":"5+","fromYears":5,"untilYears":null}]
            """)!);
        ShouldMatchModel(report, history, all: true);

        // As known once only the registrations were recorded: no dated change yet, and the benefits that ended on
        // 2020-06-30 and on the date itself (both recorded late) still running.
        var then = await GetAsync(auditor, $"{path}&asKnownOn={registered}");
        ShouldMatchModel(then, history, all: false);
        then["total"]!.Long("count").Should().Be(1787 + 6 + 6);

        var csv = await auditor.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/csv" } } });
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Trim().Should().Be("gemeente;peildatum;rij;uitkeringsduur;aantal;percentage;bediend_door_wsp;percentage_bediend_door_wsp");
        lines.Should().Contain(l => l.Trim() == $"{StockMunicipality};2020-12-31;totaal;0-1;352;19.7;250;71.0");
        lines.Should().HaveCount(1 + 11 * 6);
    }

    [Fact]
    public async Task The_caseload_report_reproduces_the_wsps_clients_on_26_june_2023()
    {
        var wsp = await api.ClientAsync("wsp", CaseloadMunicipality);
        var history = BenefitStockHistory.Caseload();
        var registered = await RecordAsync(CaseloadMunicipality, history);
        var path = $"/api/v1/reports/caseload?asOf={StockCandidate.Iso(BenefitStockHistory.CaseloadOn)}";

        var report = await GetAsync(wsp, path);
        report.Long("total").Should().Be(589);
        // "14% van het bestand van het WSP bestaat uit niet-uitkeringsgerechtigden": 82 of 589 is 13,9%.
        (report.Long("withoutBenefit.count"), report.Decimal("withoutBenefit.percentage")).Should().Be((82, 13.9m));
        decimal.Round(report.Decimal("withoutBenefit.percentage")).Should().Be(14);
        (report.Long("withBenefit.count"), report.Decimal("withBenefit.percentage")).Should().Be((507, 86.1m));
        ShouldEqual(report, ExpectedCaseload(history, all: true));

        // As known before the changes: the 20 the WSP stopped guiding still counted, the 12 ended benefits still ran.
        var then = await GetAsync(wsp, $"{path}&asKnownOn={registered}");
        ShouldEqual(then, ExpectedCaseload(history, all: false));
        (then.Long("total"), then.Long("withoutBenefit.count")).Should().Be((589 + 20, 82 - 12 + 20));
    }

    [Fact]
    public async Task The_reports_name_every_bad_parameter()
    {
        var auditor = await api.ClientAsync("auditor", StockMunicipality);
        foreach (var report in new[] { "benefit-duration", "caseload" })
        {
            var missing = await (await auditor.GetAsync($"/api/v1/reports/{report}")).ShouldBeAsync(HttpStatusCode.BadRequest);
            missing["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asOf"], report);
            var bad = await (await auditor.GetAsync($"/api/v1/reports/{report}?asOf=2020-02-30&asKnownOn=yesterday")).ShouldBeAsync(HttpStatusCode.BadRequest);
            bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asOf", "asKnownOn"], report);
            await (await auditor.GetAsync($"/api/v1/reports/{report}?asOf=2020-12-31&municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
    }

    private static void ShouldMatchModel(JsonNode report, List<StockCandidate> history, bool all)
    {
        var on = BenefitStockHistory.StockOn;
        var stock = history.Where(c => c.RegisteredOn <= on && c.TargetGroup == "participatiewet" && c.HasBenefitOn(on, all)).ToList();
        void Row(JsonNode row, Func<StockCandidate, bool> inRow, string because)
        {
            var members = stock.Where(inRow).ToList();
            row.Long("count").Should().Be(members.Count, because);
            row.Long("servedByWsp").Should().Be(members.Count(c => c.ServedOn(on, all)), because);
            Bands(row).Should().Equal(BenefitStockHistory.Bands.Select(b => (long)members.Count(c => c.BandOn(on) == b)), because);
            Served(row).Should().Equal(BenefitStockHistory.Bands.Select(b => (long)members.Count(c => c.BandOn(on) == b && c.ServedOn(on, all))), because);
            JsonNode.DeepEquals(row["percentage"], JsonValue.Create(Percent(members.Count, stock.Count))).Should().BeTrue(because);
        }
        Row(report["total"]!, _ => true, "total");
        foreach (var act in new[] { "participatiewet", "ioaw", "ioaz" })
            Row(report["byAct"]![act]!, c => c.ActOn(on, all) == act, act);
        Row(report["ioawIoaz"]!, c => c.ActOn(on, all) != "participatiewet", "ioaw-ioaz");
        var treden = report["byTrede"]!.AsArray();
        treden.Select(t => t!["trede"]!.GetValue<int>()).Should().Equal(1, 2, 3, 4, 5, 6);
        foreach (var row in treden.Select(t => t!))
        {
            var trede = row["trede"]!.GetValue<int>();
            Row(row, c => c.TredeOn(on, all) == trede, $"trede {trede}");
        }
    }

    private static JsonObject ExpectedCaseload(List<StockCandidate> history, bool all)
    {
        var on = BenefitStockHistory.CaseloadOn;
        var clients = history.Where(c => c.RegisteredOn <= on && c.ServedOn(on, all)).ToList();
        long total = clients.Count;
        long with = clients.Count(c => c.HasBenefitOn(on, all));
        return new JsonObject
        {
            ["municipality"] = CaseloadMunicipality,
            ["asOf"] = StockCandidate.Iso(on),
            ["total"] = total,
            ["byTrede"] = new JsonArray([.. Enumerable.Range(1, 6).Select(trede =>
            {
                long count = clients.Count(c => c.TredeOn(on, all) == trede);
                return new JsonObject { ["trede"] = trede, ["count"] = count, ["percentage"] = Percent(count, total) };
            })]),
            ["withBenefit"] = new JsonObject { ["count"] = with, ["percentage"] = Percent(with, total) },
            ["withoutBenefit"] = new JsonObject { ["count"] = total - with, ["percentage"] = Percent(total - with, total) },
        };
    }

    /// <summary>Registrations, then (after the returned instant) every dated change; candidates in parallel, each in order.</summary>
    private async Task<string> RecordAsync(string municipality, List<StockCandidate> history)
    {
        var wsp = await api.ClientAsync("wsp", municipality);
        await ForEachAsync(history, async c => await PostAsync(wsp, "/api/v1/candidates", c.Registration(municipality), HttpStatusCode.Created));
        var registered = await LastRecordedAsync(municipality);
        await ForEachAsync(history, async c =>
        {
            foreach (var (path, body) in c.Changes())
                await PostAsync(wsp, path, body);
        });
        return registered;
    }

    private async Task<string> LastRecordedAsync(string municipality)
    {
        await using var command = api.DataSource.CreateCommand("SELECT max(timestamp) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = municipality });
        var instant = Instant.FromDateTimeUtc(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
        return InstantPattern.ExtendedIso.Format(instant);
    }

    private static decimal? Percent(long count, long total) =>
        total == 0 ? null : decimal.Round(count * 100m / total, 1, MidpointRounding.AwayFromZero);

    private static IEnumerable<long> Bands(JsonNode row) => row["bands"]!.AsArray().Select(b => b!.Long("count"));

    private static IEnumerable<long> Served(JsonNode row) => row["bands"]!.AsArray().Select(b => b!.Long("servedByWsp"));

    private static void ShouldEqual(JsonNode actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"the report\n{actual.ToJsonString()}\nshould be\n{expected.ToJsonString()}");

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> step) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await step(item));
}
