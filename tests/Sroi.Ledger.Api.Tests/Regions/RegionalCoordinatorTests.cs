using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Regions;

/// <summary>
/// Issue 21: the regional coordinator (role <c>regiocoordinator</c>), bound to regions instead of a municipality. It reads
/// its regions' SROI placements report (JSON and CSV) and the shipped reference data; another region's report is a 403 (a
/// region is public, as a municipality's code), an unknown region a 404, and every read of a municipality's ledger a 403
/// (the role is not admitted). The key is checked like every key: 400 naming each bad field.
/// </summary>
[Collection(ApiCollection.Name)]
public class RegionalCoordinatorTests(LedgerApi api)
{
    private async Task<HttpClient> CoordinatorAsync(params string[] regions)
    {
        var issued = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "regiocoordinator", regions }))
            .ShouldBeAsync(HttpStatusCode.Created);
        issued["role"]!.GetValue<string>().Should().Be("regiocoordinator");
        issued["municipality"].Should().BeNull();
        issued["regions"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal(regions);
        return api.Client(issued["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_coordinator_reads_its_regions_report_and_nothing_of_a_municipalitys_ledger()
    {
        var coordinator = await CoordinatorAsync("haaglanden");
        const string path = "/api/v1/reports/regions/haaglanden/sroi-placements?year=2024";
        var report = await (await coordinator.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
        var asAdmin = await (await api.Admin().GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
        report.ToJsonString().Should().Be(asAdmin.ToJsonString(), "the coordinator reads the admin's figures");
        report["members"]!.AsArray().Should().HaveCount(9);
        var csv = await coordinator.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/csv" } } });
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be("sroi-placements-haaglanden-2024.csv");
        (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + 9 + 1);
        (await (await coordinator.GetAsync("/api/v1/reports/regions/haaglanden/sroi-placements?quarter=2024-Q5")).ShouldBeAsync(HttpStatusCode.BadRequest))
            ["errors"]!.AsObject().Should().NotBeEmpty();

        var other = await (await coordinator.GetAsync("/api/v1/reports/regions/holland-rijnland/sroi-placements?year=2024")).ShouldBeAsync(HttpStatusCode.Forbidden);
        other["detail"]!.GetValue<string>().Should().Be("This key reads the region haaglanden only.");
        await (await coordinator.GetAsync("/api/v1/reports/regions/rotterdam/sroi-placements?year=2024")).ShouldBeAsync(HttpStatusCode.NotFound);

        // The shipped reference data, as every role.
        await (await coordinator.GetAsync("/api/v1/regions/haaglanden")).ShouldBeAsync(HttpStatusCode.OK);
        await (await coordinator.GetAsync("/api/v1/municipalities")).ShouldBeAsync(HttpStatusCode.OK);

        // Nothing of a municipality's own: the role is not admitted (403, naming the roles that are).
        foreach (var read in new[]
        {
            "/api/v1/contracts", "/api/v1/reports/sroi-placements?year=2024&municipality=GM0603", "/api/v1/reports/sroi-obligations",
            "/api/v1/worklist", "/api/v1/candidates", "/api/v1/reports/placements?year=2024&municipality=GM0603", "/api/v1/api-keys",
        })
        {
            var refused = await (await coordinator.GetAsync(read)).ShouldBeAsync(HttpStatusCode.Forbidden);
            refused["detail"]!.GetValue<string>().Should().StartWith("Role 'regiocoordinator' may not do this", read);
        }
        (await coordinator.PostJsonAsync("/api/v1/contracts", Contracts.ContractBodies.Registration())).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // A coordinator of two regions reads both.
        var both = await CoordinatorAsync("haaglanden", "holland-rijnland");
        (await (await both.GetAsync("/api/v1/reports/regions/holland-rijnland/sroi-placements?year=2024")).ShouldBeAsync(HttpStatusCode.OK))
            ["members"]!.AsArray().Should().HaveCount(13);
    }

    [Fact]
    public async Task A_coordinators_key_is_bound_to_shipped_regions_and_no_other_key_to_any()
    {
        async Task<JsonNode> BadAsync(object body) =>
            (await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", body)).ShouldBeAsync(HttpStatusCode.BadRequest))["errors"]!;

        (await BadAsync(new { role = "regiocoordinator" }))["regions"]![0]!.GetValue<string>().Should().StartWith("Required for role regiocoordinator");
        (await BadAsync(new { role = "regiocoordinator", regions = Array.Empty<string>() }))["regions"]![0]!.GetValue<string>()
            .Should().StartWith("Required for role regiocoordinator");
        var bad = await BadAsync(new { role = "regiocoordinator", regions = new[] { "haaglanden", "rotterdam", "haaglanden" }, municipality = "GM0603" });
        bad["regions"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal(
            "[1] 'rotterdam' is not a region (GET /regions lists them).", "[2] haaglanden is named twice.");
        bad["municipality"]![0]!.GetValue<string>().Should().Be("A regiocoordinator key is bound to regions, not to a municipality.");
        (await BadAsync(new { role = "wsp", municipality = "GM0603", regions = new[] { "haaglanden" } }))["regions"]![0]!.GetValue<string>()
            .Should().Be("Only a key of role regiocoordinator is bound to regions.");

        // Listed with its regions (and never its secret).
        var coordinator = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "regiocoordinator", regions = new[] { "holland-rijnland" } }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var listed = await (await api.Admin().GetAsync($"/api/v1/api-keys/{coordinator["id"]!.GetValue<string>()}")).ShouldBeAsync(HttpStatusCode.OK);
        listed["regions"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("holland-rijnland");
        listed["key"].Should().BeNull();
    }
}
