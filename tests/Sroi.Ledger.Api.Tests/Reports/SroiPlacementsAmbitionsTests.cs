using System.Net;
using System.Text.Json.Nodes;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The SROI placements report of a year with ambitions per kind shows realised against each ambition that applies (total,
/// SROI, per kind), the same list as the placements report; a year without them, or a part of a year, answers as before.
/// </summary>
[Collection(ApiCollection.Name)]
public class SroiPlacementsAmbitionsTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9724";

    [Fact]
    public async Task The_sroi_placements_report_shows_the_ambitions_list_of_the_placements_report()
    {
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var wsp = await api.ClientAsync("wsp", Municipality);
        var contract = await inkoop.ContractAsync("regional", ownPercentage: true);
        await SetAsync(wsp, 2021, new JsonObject
        {
            ["placements"] = 10, ["sroiPlacements"] = 4, ["byKind"] = new JsonObject { ["beschut-werk"] = 2, ["leerwerkplek"] = 5 },
        });
        await SetAsync(wsp, 2022, new JsonObject { ["placements"] = 10, ["sroiPlacements"] = 4 });
        // 2021: 3 through SROI (2 regular, 1 leerwerkplek), 2 beschut werk through the WSP; 2022: 1 through SROI.
        foreach (var (kind, channel, startedOn) in new[]
        {
            ("regular", "sroi", "2021-03-01"), ("regular", "sroi", "2021-05-01"), ("leerwerkplek", "sroi", "2021-07-01"),
            ("beschut-werk", "wsp", "2021-04-01"), ("beschut-werk", "wsp", "2021-09-01"), ("regular", "sroi", "2022-02-01"),
        })
        {
            var number = await wsp.RegisterAsync(Registration(registeredOn: "2021-01-04", municipality: Municipality));
            await wsp.PlaceAsync(number, Placement(startedOn, kind: kind, channel: channel, sroiContractId: channel == "sroi" ? contract : null));
        }

        var sroi = await GetAsync(wsp, "/api/v1/reports/sroi-placements?year=2021");
        var placements = await GetAsync(wsp, "/api/v1/reports/placements?year=2021");

        (sroi.Long("count"), sroi.Long("ambition"), sroi.Long("difference")).Should().Be((3, 4, -1));
        var expected = JsonNode.Parse("""
            [{"scope":"total","kind":null,"target":10,"realised":5,"share":0.5},
             {"scope":"sroi","kind":null,"target":4,"realised":3,"share":0.75},
             {"scope":"kind","kind":"beschut-werk","target":2,"realised":2,"share":1},
             {"scope":"kind","kind":"leerwerkplek","target":5,"realised":1,"share":0.2}]
            """);
        JsonNode.DeepEquals(sroi["ambitions"], expected).Should().BeTrue(sroi.ToJsonString());
        JsonNode.DeepEquals(sroi["ambitions"], placements["ambitions"]).Should().BeTrue("both reports show the same list");

        // Without ambitions per kind (2022), and for a part of a year, the answer is what it was: no list.
        (await GetAsync(wsp, "/api/v1/reports/sroi-placements?year=2022")).AsObject().ContainsKey("ambitions").Should().BeFalse();
        (await GetAsync(wsp, "/api/v1/reports/sroi-placements?quarter=2021-Q1")).AsObject().ContainsKey("ambitions").Should().BeFalse();
    }

    private static async Task SetAsync(HttpClient wsp, int year, JsonObject body)
    {
        body["municipality"] = Municipality;
        await (await wsp.PutJsonAsync($"/api/v1/ambitions/{year}", body)).ShouldBeAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
}
