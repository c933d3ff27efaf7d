using System.Net;
using System.Text;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>Roles (403), municipalities (404 for another's candidate, 403 for naming another in a report or body).</summary>
[Collection(ApiCollection.Name)]
public class WhoSeesWhatTests(LedgerApi api)
{
    [Theory]
    [InlineData("inkoop")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task Only_the_wsp_records_candidates_and_placements(string role)
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var other = role == "admin" ? api.Admin() : await api.ClientAsync(role);

        await (await other.PostJsonAsync("/api/v1/candidates", Registration())).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await other.PostJsonAsync($"/api/v1/candidates/{number}/placements", Placement())).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await other.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(3, "2021-01-01"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await other.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2021-01-01"))).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_contractor_and_procurement_see_no_reports_and_no_candidates()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        foreach (var client in new[] { await api.ClientAsync("inkoop"), await api.ClientAsync("opdrachtnemer", kvkNumber: "12345678") })
        {
            await (await client.GetAsync("/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/v1/reports/trede-distribution?asOf=2020-12-31")).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
        await (await api.Client().GetAsync("/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_municipalitys_candidate_does_not_exist_for_a_wsp_key()
    {
        var rijswijk = await api.ClientAsync("wsp");
        var leiden = await api.ClientAsync("wsp", "GM0546");
        var number = await rijswijk.RegisterAsync();
        var placement = await rijswijk.PlaceAsync(number);

        await (await leiden.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await leiden.GetAsync($"/api/v1/candidates/{number}/placements/{placement}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await leiden.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(3, "2021-01-01"))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await leiden.PostJsonAsync($"/api/v1/candidates/{number}/placements", Placement())).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await leiden.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/withdrawal",
            new System.Text.Json.Nodes.JsonObject { ["reason"] = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        // Registering in another municipality than the key's is refused outright.
        await (await leiden.PostJsonAsync("/api/v1/candidates", Registration(municipality: "GM0603"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        // The auditor of the municipality reads it; the admin names the municipality.
        await (await (await api.ClientAsync("auditor")).GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await api.Admin().GetAsync($"/api/v1/candidates/{number}?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.OK);
        await (await api.Admin().GetAsync($"/api/v1/candidates/{number}")).ShouldNameFieldAsync("municipality");
    }

    [Fact]
    public async Task Reports_cover_the_keys_own_municipality_and_an_admin_names_one()
    {
        var wsp = await api.ClientAsync("wsp", "GM0546");
        var auditor = await api.ClientAsync("auditor", "GM0546");
        var number = await wsp.RegisterAsync(Registration(municipality: "GM0546"));
        await wsp.PlaceAsync(number, Placement(startedOn: "2021-07-01"));

        (await (await auditor.GetAsync("/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>().Should().Be(1);
        (await (await auditor.GetAsync("/api/v1/reports/placements?year=2021&municipality=GM0546")).ShouldBeAsync(HttpStatusCode.OK))["municipality"]!
            .GetValue<string>().Should().Be("GM0546");
        await (await auditor.GetAsync("/api/v1/reports/placements?year=2021&municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await wsp.GetAsync("/api/v1/reports/trede-flow?year=2021&municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
        (await (await api.Admin().GetAsync("/api/v1/reports/placements?year=2021&municipality=GM0546")).ShouldBeAsync(HttpStatusCode.OK))["total"]!
            .GetValue<long>().Should().Be(1);
        await (await api.Admin().GetAsync("/api/v1/reports/sroi-placements?year=2021")).ShouldNameFieldAsync("municipality");
    }

    [Fact]
    public async Task Ambitions_are_set_by_the_wsp_for_its_own_municipality_or_by_an_admin()
    {
        var wsp = await api.ClientAsync("wsp", "GM0546");
        var body = """{"municipality": "GM0603", "placements": 100}""";

        await (await wsp.PutAsync("/api/v1/ambitions/2025", Json(body))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await (await api.ClientAsync("auditor")).PutAsync("/api/v1/ambitions/2025", Json(body))).ShouldBeAsync(HttpStatusCode.Forbidden);
        var set = await api.Admin().PutAsync("/api/v1/ambitions/2025", Json(body));
        (await set.ShouldBeAsync(HttpStatusCode.OK))["placements"]!.GetValue<int>().Should().Be(100);
        set.Headers.ETag.Should().NotBeNull();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
