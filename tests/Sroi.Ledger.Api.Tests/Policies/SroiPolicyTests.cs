using System.Net;
using System.Net.Http.Json;

namespace Sroi.Ledger.Api.Tests.Policies;

[Collection(ApiCollection.Name)]
public class SroiPolicyTests(LedgerApi api)
{
    [Fact]
    public async Task Rijswijks_policy_is_shipped_as_two_versions()
    {
        var policies = await (await api.Admin().GetAsync("/api/v1/sroi-policies?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.OK);

        var versions = policies.AsArray().Take(2).Select(v => v!).ToList();
        versions[0]["id"]!.GetValue<string>().Should().Be("GM0603-v1");
        versions[0].Decimal("thresholds.werken").Should().Be(250_000m);
        versions[1]["id"]!.GetValue<string>().Should().Be("GM0603-v2");
        versions[1]["effectiveFrom"]!.GetValue<string>().Should().Be("2021-01-01");
        versions[1].Decimal("thresholds.diensten").Should().Be(150_000m);
        versions[1].Decimal("percentage").Should().Be(5m);
    }

    [Fact]
    public async Task An_admin_adds_a_version_and_a_date_is_used_once()
    {
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        var body = new
        {
            municipality, effectiveFrom = "2022-01-01", percentage = 5, description = "Schiedam",
            thresholds = new { werken = 225_000, diensten = 125_000, leveringen = 125_000 },
        };

        var response = await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", body);
        var added = await response.ShouldBeAsync(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        var again = await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", body)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        added["id"]!.GetValue<string>().Should().Be($"{municipality}-v1");
        added.Decimal("thresholds.diensten").Should().Be(125_000m);
        again["field"]!.GetValue<string>().Should().Be("effectiveFrom");
    }

    [Fact]
    public async Task Only_an_admin_adds_versions_and_bad_input_is_named()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = new { municipality = "GM0603", effectiveFrom = "2030-01-01", percentage = 5, description = "x", thresholds = new { werken = 1, diensten = 1, leveringen = 1 } };

        await (await inkoop.PostAsJsonAsync("/api/v1/sroi-policies", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", body with { percentage = 0 })).ShouldNameFieldAsync("percentage");
        await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", new { municipality = "Rijswijk", effectiveFrom = "2030-01-01", percentage = 5, description = "x", thresholds = new { werken = 1, diensten = 1, leveringen = 1 } }))
            .ShouldNameFieldAsync("municipality");
        await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", new { municipality = "GM0603", effectiveFrom = "2030-01-01", percentage = 5, description = "x", thresholds = new { werken = 1, diensten = -1, leveringen = 1 } }))
            .ShouldNameFieldAsync("thresholds.diensten");
    }
}
