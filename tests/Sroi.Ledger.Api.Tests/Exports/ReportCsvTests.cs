using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Exports;

/// <summary>Every report also as CSV: the same figures as its JSON, row for row, for the key's municipality only.</summary>
[Collection(ApiCollection.Name)]
public class ReportCsvTests(LedgerApi api)
{
    /// <summary>Used by no other test: its figures are this test's only.</summary>
    private const string Municipality = "GM9002";

    private static readonly string[] Kinds = ["regular", "garantiebaan", "beschut-werk", "werkervaringsplaats", "leerwerkplek", "self-employed"];
    private static readonly string[] Channels = ["wsp", "sroi", "job-market", "temp-agency", "matcher", "other"];

    [Fact]
    public async Task Each_report_as_csv_has_the_values_of_its_json()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        var contract = (await (await inkoop.PostJsonAsync("/api/v1/contracts", Contracts.ContractBodies.Registration()
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" })))
            .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await wsp.PutAsync("/api/v1/ambitions/2021", new StringContent(
            new JsonObject { ["placements"] = 2, ["sroiPlacements"] = 3, ["municipality"] = Municipality }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).ShouldBeAsync(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            var number = await wsp.RegisterAsync(CandidateBodies.Registration(municipality: Municipality, trede: 2 + i));
            await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", CandidateBodies.TredeChange(new[] { 4, 1, 5 }[i], "2021-02-01"))).ShouldBeAsync(HttpStatusCode.OK);
            await wsp.PlaceAsync(number, CandidateBodies.Placement("2021-03-01", hours: 20 + 10 * i, kind: Kinds[i], channel: i == 0 ? "sroi" : "wsp",
                kvk: $"8765432{i}", sroiContractId: i == 0 ? contract : null));
            await wsp.PlaceAsync(number, CandidateBodies.Placement("2020-06-01", channel: "matcher"));
            if (i == 1)
                await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", CandidateBodies.BenefitEnd("2021-05-01"))).ShouldBeAsync(HttpStatusCode.OK);
        }

        // Placements of one year: one row; of a range: a row per year and the total (empty jaar).
        var year = await JsonAsync(auditor, "/api/v1/reports/placements?year=2021");
        year["total"]!.GetValue<long>().Should().Be(3);
        var yearCsv = await CsvFile.GetAsync(auditor, "/api/v1/reports/placements?year=2021");
        yearCsv.Rows.Should().ContainSingle();
        ShouldMatchPlacements(yearCsv.Rows[0], year);
        var range = await JsonAsync(auditor, "/api/v1/reports/placements?from=2020&to=2021");
        var rangeCsv = await CsvFile.GetAsync(auditor, "/api/v1/reports/placements?from=2020&to=2021");
        rangeCsv.Header.Should().Equal(["gemeente", "jaar", "totaal", "voltijd", "deeltijd", .. Kinds.Select(k => $"soort_{k}"),
            .. Channels.Select(c => $"kanaal_{c}"), "via_sroi", "verschillende_werkgevers", "uitkering_beeindigd_na_plaatsing", "ambitie", "ambitie_gehaald", "verschil"]);
        rangeCsv.Rows.Should().HaveCount(3);
        ShouldMatchPlacements(rangeCsv.Rows[0], range["years"]![0]!);
        ShouldMatchPlacements(rangeCsv.Rows[1], range["years"]![1]!);
        ShouldMatchPlacements(rangeCsv.Rows[2], range["total"]!);
        rangeCsv.Rows[2]["jaar"].Should().BeEmpty();
        (rangeCsv.Rows[1]["totaal"], rangeCsv.Rows[1]["ambitie_gehaald"], rangeCsv.Rows[2]["totaal"]).Should().Be(("3", "ja", "6"));

        var sroi = await JsonAsync(auditor, "/api/v1/reports/sroi-placements?year=2021");
        var sroiRow = (await CsvFile.GetAsync(auditor, "/api/v1/reports/sroi-placements?year=2021")).Rows.Should().ContainSingle().Subject;
        foreach (var (column, field) in new[] { ("gemeente", "municipality"), ("jaar", "year"), ("aantal", "count"), ("verschillende_werkgevers", "distinctEmployers"),
            ("verschillende_contracten", "distinctContracts"), ("regionaal", "regional"), ("lokaal", "local"), ("regionaal_aandeel", "regionalShare"),
            ("ambitie", "ambition"), ("ambitie_gehaald", "ambitionMet"), ("verschil", "difference") })
            sroiRow[column].Should().Be(Text(sroi[field]), column);
        (sroiRow["aantal"], sroiRow["regionaal_aandeel"], sroiRow["ambitie_gehaald"], sroiRow["verschil"]).Should().Be(("1", "1", "nee", "-2"));

        var distribution = await JsonAsync(auditor, "/api/v1/reports/trede-distribution?asOf=2021-03-31");
        var distributionCsv = await CsvFile.GetAsync(auditor, "/api/v1/reports/trede-distribution?asOf=2021-03-31");
        distributionCsv.Header.Should().Equal("gemeente", "peildatum", "trede", "aantal", "percentage");
        var treden = distribution["treden"]!.AsArray();
        distributionCsv.Rows.Should().HaveCount(treden.Count + 1);
        foreach (var (row, trede) in distributionCsv.Rows.Zip(treden))
        {
            (row["gemeente"], row["peildatum"]).Should().Be((Municipality, "2021-03-31"));
            (row["trede"], row["aantal"], row["percentage"]).Should().Be((Text(trede!["trede"]), Text(trede["count"]), Text(trede["percentage"])));
        }
        (distributionCsv.Rows[^1]["trede"], distributionCsv.Rows[^1]["aantal"]).Should().Be(("", "3"));
        distributionCsv.Rows.Select(r => r["percentage"]).Should().Contain("33.3", "a decimal point, never a comma");

        var flow = await JsonAsync(auditor, "/api/v1/reports/trede-flow?year=2021");
        var flowCsv = await CsvFile.GetAsync(auditor, "/api/v1/reports/trede-flow?year=2021");
        flowCsv.Header.Should().Equal("gemeente", "jaar", "cijfer", "van_trede", "naar_trede", "aantal");
        string Figure(string name) => flowCsv.Rows.Single(r => r["cijfer"] == name)["aantal"];
        (Figure("wijzigingen"), Figure("omhoog"), Figure("omlaag")).Should().Be((Text(flow["changes"]), Text(flow["up"]), Text(flow["down"])));
        (Figure("wijzigingen"), Figure("omhoog"), Figure("omlaag")).Should().Be(("3", "2", "1"));
        flowCsv.Rows.Where(r => r["cijfer"] == "overgang").Select(r => (r["van_trede"], r["naar_trede"], r["aantal"])).Should()
            .Equal(flow["matrix"]!.AsArray().Select(m => (Text(m!["from"]), Text(m["to"]), Text(m["count"]))));
        var outOfBenefit = flow["outOfBenefit"]!;
        (Figure("uit_uitkering"), Figure("uit_uitkering_werk"), Figure("uit_uitkering_overig"))
            .Should().Be((Text(outOfBenefit["total"]), Text(outOfBenefit["workIncome"]), Text(outOfBenefit["other"])));
        Figure("uit_uitkering_werk").Should().Be("1");
        flowCsv.Rows.Where(r => r["cijfer"] == "uit_uitkering_per_trede").Select(r => (r["van_trede"], r["aantal"])).Should()
            .Equal(outOfBenefit["byTrede"]!.AsArray().Select(t => (Text(t!["trede"]), Text(t["count"]))));
    }

    [Fact]
    public async Task A_report_as_csv_is_the_keys_municipality_only_and_bad_parameters_are_still_a_400()
    {
        var elsewhere = await api.ClientAsync("auditor", "GM0599");
        await (await HistoryCsvTests.Csv(elsewhere, $"/api/v1/reports/placements?year=2021&municipality={Municipality}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        (await CsvFile.GetAsync(elsewhere, "/api/v1/reports/placements?year=2021")).Rows.Should().ContainSingle().Which["gemeente"].Should().Be("GM0599");
        await (await HistoryCsvTests.Csv(elsewhere, "/api/v1/reports/placements?year=zero")).ShouldNameFieldAsync("year");
        await (await HistoryCsvTests.Csv(await api.ClientAsync("opdrachtnemer", kvkNumber: "12345678"), "/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_openapi_document_declares_text_csv_and_the_406_for_every_export()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        foreach (var path in new[] { "/contracts/{id}/history", "/candidates/{candidateNumber}/history", "/sroi-policies/history",
            "/building-block-tables/history", "/ambitions/history", "/reports/placements", "/reports/sroi-placements",
            "/reports/trede-distribution", "/reports/trede-flow" })
        {
            var responses = document["paths"]![path]!["get"]!["responses"]!;
            var content = responses["200"]!["content"]!.AsObject();
            content.Select(c => c.Key).Should().Contain(["application/json", "text/csv"], path);
            content["text/csv"]!["schema"]!["type"]!.GetValue<string>().Should().Be("string");
            responses["406"]!["content"]!["application/problem+json"].Should().NotBeNull(path);
        }
        document["paths"]!["/reports/trede-flow"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]!["example"]!.GetValue<string>()
            .Should().Be("gemeente;jaar;cijfer;van_trede;naar_trede;aantal\r\n");
    }

    private static void ShouldMatchPlacements(IReadOnlyDictionary<string, string> row, JsonNode json)
    {
        foreach (var (column, field) in new[] { ("gemeente", "municipality"), ("jaar", "year"), ("totaal", "total"), ("voltijd", "fullTime"),
            ("deeltijd", "partTime"), ("via_sroi", "viaSroi"), ("verschillende_werkgevers", "distinctEmployers"),
            ("uitkering_beeindigd_na_plaatsing", "benefitEndedAfterPlacement"), ("ambitie", "ambition"), ("ambitie_gehaald", "ambitionMet"), ("verschil", "difference") })
            row[column].Should().Be(Text(json[field]), column);
        foreach (var kind in Kinds) row[$"soort_{kind}"].Should().Be(Text(json["byKind"]![kind]), kind);
        foreach (var channel in Channels) row[$"kanaal_{channel}"].Should().Be(Text(json["byChannel"]![channel]), channel);
    }

    /// <summary>A JSON value as the CSV writes it: null empty, booleans ja/nee, numbers as the JSON has them.</summary>
    private static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "ja" : "nee",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(value.ToJsonString()),
    };

    private static async Task<JsonNode> JsonAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
}
