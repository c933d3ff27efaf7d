using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// Ambitions per placement kind (Leiden, beleidsplan 2019–2023: 15 beschutte werkplekken a year): set beside the total
/// and SROI ambitions, and the placements report shows realised against each; a year without them answers as before.
/// </summary>
[Collection(ApiCollection.Name)]
public class AmbitionsPerKindTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9223";

    [Fact]
    public async Task The_placements_report_shows_realised_against_each_ambition_that_applies()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var first = await SetAsync(wsp, 2021, new JsonObject { ["placements"] = 20, ["byKind"] = new JsonObject { ["beschut-werk"] = 10 } });
        first["byKind"]!["beschut-werk"]!.GetValue<int>().Should().Be(10);
        var firstKnown = await LastRecordedAsync();
        await SetAsync(wsp, 2021, new JsonObject
        {
            ["placements"] = 20, ["sroiPlacements"] = 5, ["byKind"] = new JsonObject { ["beschut-werk"] = 15, ["leerwerkplek"] = 3 },
        });
        var plain = await SetAsync(wsp, 2022, new JsonObject { ["placements"] = 10 });
        plain.AsObject().ContainsKey("byKind").Should().BeFalse("an answer without ambitions per kind is what it always was");

        // 2021: 12 beschut werk, 4 leerwerkplekken, 2 regular; 2022: 1 regular.
        var n = 0;
        foreach (var (kind, count, year) in new[] { ("beschut-werk", 12, 2021), ("leerwerkplek", 4, 2021), ("regular", 2, 2021), ("regular", 1, 2022) })
            for (var i = 0; i < count; i++)
            {
                var number = $"AK-{++n:D3}";
                await PostAsync(wsp, "/api/v1/candidates", new JsonObject
                {
                    ["candidateNumber"] = number, ["municipality"] = Municipality, ["registeredOn"] = "2021-01-04", ["trede"] = 4,
                    ["targetGroup"] = "participatiewet", ["benefitSince"] = "2020-01-01",
                }, HttpStatusCode.Created);
                await PostAsync(wsp, $"/api/v1/candidates/{number}/placements", new JsonObject
                {
                    ["employer"] = new JsonObject { ["kvkNumber"] = "69599084", ["name"] = "Werkgever" }, ["startedOn"] = $"{year}-03-01",
                    ["hoursPerWeek"] = 32, ["kind"] = kind, ["channel"] = "wsp",
                }, HttpStatusCode.Created);
            }

        var y2021 = await GetAsync(wsp, "/api/v1/reports/placements?year=2021");
        (y2021.Long("total"), y2021.Long("ambition")).Should().Be((18, 20));
        ShouldEqual(y2021["ambitions"]!, JsonNode.Parse("""
            [{"scope":"total","kind":null,"target":20,"realised":18,"share":0.9},
             {"scope":"sroi","kind":null,"target":5,"realised":0,"share":0},
             {"scope":"kind","kind":"beschut-werk","target":15,"realised":12,"share":0.8},
             {"scope":"kind","kind":"leerwerkplek","target":3,"realised":4,"share":1.3333}]
            """)!);
        var y2022 = await GetAsync(wsp, "/api/v1/reports/placements?year=2022");
        y2022.AsObject().ContainsKey("ambitions").Should().BeFalse("2022 has no ambition per kind");
        // A range: the total row lists a target only when every year has it.
        var range = await GetAsync(wsp, "/api/v1/reports/placements?from=2021&to=2022");
        ShouldEqual(range["years"]![0]!, y2021);
        range["total"]!.AsObject().ContainsKey("ambitions").Should().BeFalse();

        // As known before the second setting of 2021: beschut werk 10, no SROI or leerwerkplek ambition.
        var then = await GetAsync(wsp, $"/api/v1/reports/placements?year=2021&asKnownOn={firstKnown}");
        ShouldEqual(then["ambitions"]!, JsonNode.Parse("""
            [{"scope":"total","kind":null,"target":20,"realised":0,"share":0},
             {"scope":"kind","kind":"beschut-werk","target":10,"realised":0,"share":0}]
            """)!);

        // Setting the year again replaces it whole: without byKind, no ambition per kind.
        await SetAsync(wsp, 2021, new JsonObject { ["placements"] = 20 });
        (await GetAsync(wsp, "/api/v1/reports/placements?year=2021")).AsObject().ContainsKey("ambitions").Should().BeFalse();
        var history = await GetAsync(wsp, $"/api/v1/ambitions/history?asKnownOn={firstKnown}");
        history["ambitions"]![0]!["byKind"]!["beschut-werk"]!.GetValue<int>().Should().Be(10);
    }

    [Fact]
    public async Task An_ambition_per_kind_names_a_kind_and_is_not_negative()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var bad = await (await wsp.PutJsonAsync("/api/v1/ambitions/2024", new JsonObject
        {
            ["municipality"] = Municipality, ["byKind"] = new JsonObject { ["beschut"] = 15, ["leerwerkplek"] = -1 },
        })).ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["byKind.beschut", "byKind.leerwerkplek"]);
        // byKind alone is an ambition.
        (await SetAsync(wsp, 2024, new JsonObject { ["byKind"] = new JsonObject { ["beschut-werk"] = 15 } }))["placements"].Should().BeNull();
    }

    [Fact]
    public async Task A_kind_whose_number_is_not_a_whole_number_is_named_beside_every_other_bad_kind()
    {
        // Found by the hostile run on issue 22: one value that is not an int (1.5, 99999999999) made the whole byKind
        // "Expected an object." and hid the other bad kinds; each is named, as in a list.
        var wsp = await api.ClientAsync("wsp", Municipality);
        var bad = await (await wsp.PutJsonAsync("/api/v1/ambitions/2025", new JsonObject
        {
            ["municipality"] = Municipality,
            ["byKind"] = new JsonObject { ["regular"] = 1.5m, ["garantiebaan"] = 99999999999L, ["beschut"] = 2, ["leerwerkplek"] = -1, ["beschut-werk"] = 15 },
        })).ShouldBeAsync(HttpStatusCode.BadRequest);
        var errors = bad["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo(["byKind.regular", "byKind.garantiebaan", "byKind.beschut", "byKind.leerwerkplek"]);
        (errors["byKind.regular"]![0]!.GetValue<string>(), errors["byKind.garantiebaan"]![0]!.GetValue<string>())
            .Should().Be(("Expected a whole number such as 12.", "Expected a whole number such as 12."));
    }

    private static async Task<JsonNode> SetAsync(HttpClient wsp, int year, JsonObject body)
    {
        body["municipality"] = Municipality;
        return await (await wsp.PutJsonAsync($"/api/v1/ambitions/{year}", body)).ShouldBeAsync(HttpStatusCode.OK);
    }

    private async Task<string> LastRecordedAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT max(timestamp) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Municipality });
        var instant = Instant.FromDateTimeUtc(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
        return InstantPattern.ExtendedIso.Format(instant);
    }

    private static void ShouldEqual(JsonNode actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"the report\n{actual.ToJsonString()}\nshould be\n{expected.ToJsonString()}");

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);
}
