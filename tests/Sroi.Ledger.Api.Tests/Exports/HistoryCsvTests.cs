using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Exports;

/// <summary>Every history also as CSV (<c>Accept: text/csv</c>): the JSON's events, value for value, for the key's municipality only.</summary>
[Collection(ApiCollection.Name)]
public class HistoryCsvTests(LedgerApi api)
{
    private const string AwkwardReason = "meerwerk; fase \"2\"\r\nen 3";

    [Fact]
    public async Task A_contracts_history_as_csv_has_every_event_of_the_json_with_the_same_values()
    {
        var contract = await ContractAsync(api);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = AwkwardReason })).ShouldBeAsync(HttpStatusCode.OK);
        await contract.AcceptAsync(await contract.ReportAsync(Employment()));
        var auditor = await api.ClientAsync("auditor");

        var json = await (await auditor.GetAsync($"{contract.Url}/history?pageSize=1000")).ShouldBeAsync(HttpStatusCode.OK);
        var csv = await CsvFile.GetAsync(auditor, $"{contract.Url}/history");

        csv.Header.Should().Equal("stroom", "versie", "volgnummer", "event_id", "type", "vastgelegd_op", "actor", "reden", "correlatie_id",
            "oorzaak_id", "idempotentiesleutel", "gegevens", "hash", "actor_rol", "actor_organisatie", "actor_naam", "actor_weergave");
        var events = json["events"]!.AsArray();
        events.Count.Should().BeGreaterThanOrEqualTo(4);
        csv.Rows.Should().HaveCount(events.Count);
        foreach (var (row, e) in csv.Rows.Zip(events))
        {
            row["stroom"].Should().Be(json["stream"]!.GetValue<string>());
            row["versie"].Should().Be(e!["version"]!.GetValue<long>().ToString());
            row["volgnummer"].Should().Be(e["sequence"]!.GetValue<long>().ToString());
            row["event_id"].Should().Be(e["eventId"]!.GetValue<string>());
            row["type"].Should().Be(e["type"]!.GetValue<string>());
            row["vastgelegd_op"].Should().Be(e["recordedAt"]!.GetValue<string>());
            var metadata = e["metadata"]!;
            // Each optional field is in the JSON (null when the event has none): the comparisons below cannot pass on a field that is never there.
            metadata.AsObject().Should().ContainKeys("reason", "correlationId", "causationId", "idempotencyKey");
            row["actor"].Should().Be(metadata["actor"]!.GetValue<string>());
            row["reden"].Should().Be(metadata["reason"]?.GetValue<string>() ?? "");
            row["correlatie_id"].Should().Be(metadata["correlationId"]?.GetValue<string>() ?? "");
            row["oorzaak_id"].Should().Be(metadata["causationId"]?.GetValue<string>() ?? "");
            row["idempotentiesleutel"].Should().Be(metadata["idempotencyKey"]?.GetValue<string>() ?? "");
            JsonNode.DeepEquals(JsonNode.Parse(row["gegevens"]), e["data"]).Should().BeTrue(row["gegevens"]);
            row["hash"].Should().Be(e["hash"]!.GetValue<string>()).And.MatchRegex("^[0-9a-f]{64}$");
        }
        // The amendment's reason comes back whole: quoted, its quotes doubled, its line break kept inside the field.
        csv.Rows[1]["reden"].Should().Be(AwkwardReason);
        csv.Text.Should().Contain(";\"meerwerk; fase \"\"2\"\"\r\nen 3\";");
        // Each row ends with CRLF; the payload's quotes are doubled.
        csv.Text.Should().EndWith("\r\n");
        csv.Text.Should().Contain("\"{\"\"");
    }

    [Fact]
    public async Task A_csv_history_is_the_whole_stream_as_known_on_the_moment_asked_for()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        foreach (var (trede, on) in new[] { (3, "2020-03-01"), (4, "2020-06-01"), (5, "2020-09-01") })
            await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", CandidateBodies.TredeChange(trede, on))).ShouldBeAsync(HttpStatusCode.OK);
        var url = $"/api/v1/candidates/{number}/history";
        var json = await (await wsp.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        var second = json["events"]![1]!["recordedAt"]!.GetValue<string>();

        // Paging is for JSON: the export is the whole stream whatever page is named (bad values are still a 400).
        (await CsvFile.GetAsync(wsp, $"{url}?page=2&pageSize=1")).Rows.Select(r => r["versie"]).Should().Equal("1", "2", "3", "4");
        var cut = await CsvFile.GetAsync(wsp, $"{url}?asKnownOn={second}");
        cut.Rows.Select(r => r["versie"]).Should().Equal("1", "2");
        var before = await CsvFile.GetAsync(wsp, $"{url}?asKnownOn=2000-01-01T00:00:00Z");
        before.Rows.Should().BeEmpty("the stream exists; nothing of it was recorded by then");
        before.Header.Should().Contain("gegevens");
        (await Csv(wsp, $"{url}?pageSize=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Every_stream_types_history_answers_csv_with_the_rows_of_its_json()
    {
        var wsp = await api.ClientAsync("wsp");
        await (await wsp.PutAsync("/api/v1/ambitions/2031",
            new StringContent(new JsonObject { ["placements"] = 12, ["municipality"] = "GM0603" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await api.ClientAsync("auditor");
        foreach (var path in new[] { "sroi-policies/history", "building-block-tables/history", "ambitions/history" })
        {
            var json = await (await auditor.GetAsync($"/api/v1/{path}?pageSize=1000")).ShouldBeAsync(HttpStatusCode.OK);
            var csv = await CsvFile.GetAsync(auditor, $"/api/v1/{path}");
            csv.Rows.Select(r => r["versie"]).Should().Equal(json["events"]!.AsArray().Select(e => e!["version"]!.GetValue<long>().ToString()), path);
            csv.Rows.Select(r => r["hash"]).Should().Equal(json["events"]!.AsArray().Select(e => e!["hash"]!.GetValue<string>()), path);
            csv.Rows.Should().OnlyContain(r => r["stroom"] == json["stream"]!.GetValue<string>(), path);
        }
    }

    [Fact]
    public async Task An_auditor_exports_its_own_municipalitys_histories_only()
    {
        var contract = await ContractAsync(api);
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var elsewhere = await api.ClientAsync("auditor", "GM0599");

        foreach (var url in new[] { $"{contract.Url}/history", $"/api/v1/candidates/{number}/history", "/api/v1/sroi-policies/history", "/api/v1/ambitions/history" })
            await (await Csv(elsewhere, url)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await Csv(elsewhere, $"/api/v1/candidates/{number}/history?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await Csv(wsp, "/api/v1/candidates/NOPE-0001/history")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await Csv(api.Client(), $"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        // An admin names the municipality, as for JSON.
        (await CsvFile.GetAsync(api.Admin(), $"/api/v1/candidates/{number}/history?municipality=GM0603")).Rows.Should().ContainSingle();
    }

    [Fact]
    public async Task Json_stays_the_default_and_an_accept_neither_can_serve_is_a_406()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var url = $"/api/v1/candidates/{number}/history";

        async Task<string?> TypeFor(string? accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await wsp.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK, accept);
            return response.Content.Headers.ContentType!.MediaType;
        }
        (await TypeFor(null)).Should().Be("application/json");
        (await TypeFor("*/*")).Should().Be("application/json");
        (await TypeFor("application/json")).Should().Be("application/json");
        (await TypeFor("text/csv;q=0.5, application/json")).Should().Be("application/json");
        (await TypeFor("application/json;q=0.2, text/csv")).Should().Be("text/csv");
        (await TypeFor("text/csv, */*")).Should().Be("text/csv", "text/csv is the more specific match");
        (await TypeFor("text/*")).Should().Be("text/csv");
        (await TypeFor("application/xml, text/csv;q=0.1")).Should().Be("text/csv");

        using var xml = new HttpRequestMessage(HttpMethod.Get, url);
        xml.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        var problem = await (await wsp.SendAsync(xml)).ShouldBeAsync(HttpStatusCode.NotAcceptable);
        problem["detail"]!.GetValue<string>().Should().Contain("application/json").And.Contain("text/csv");
        using var refused = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/placements?year=2021");
        refused.Headers.TryAddWithoutValidation("Accept", "text/csv;q=0, application/json;q=0");
        await (await wsp.SendAsync(refused)).ShouldBeAsync(HttpStatusCode.NotAcceptable);
    }

    public static Task<HttpResponseMessage> Csv(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return client.SendAsync(request);
    }
}
