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
        foreach (var version in versions)
        {
            version["monitoring"]!["reportingIntervalMonths"]!.GetValue<int>().Should().Be(6);
            version["monitoring"]!["repairPeriodMonths"]!.GetValue<int>().Should().Be(3);
        }
    }

    [Fact]
    public async Task A_version_records_its_monitoring_terms_and_a_term_left_out_is_the_default()
    {
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        var thresholds = new { werken = 150_000, diensten = 150_000, leveringen = 150_000 };

        var quarterly = await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", new
        {
            municipality, effectiveFrom = "2022-01-01", percentage = 5, description = "Kwartaalrapportage", thresholds,
            reportingIntervalMonths = 3, repairPeriodMonths = 0,
        })).ShouldBeAsync(HttpStatusCode.Created);
        var halfDefault = await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", new
        {
            municipality, effectiveFrom = "2023-01-01", percentage = 5, description = "Herstel een maand", thresholds, repairPeriodMonths = 1,
        })).ShouldBeAsync(HttpStatusCode.Created);

        quarterly["monitoring"]!.ToJsonString().Should().Be("""{"reportingIntervalMonths":3,"repairPeriodMonths":0}""");
        halfDefault["monitoring"]!.ToJsonString().Should().Be("""{"reportingIntervalMonths":6,"repairPeriodMonths":1}""");
        var listed = await (await api.Admin().GetAsync($"/api/v1/sroi-policies?municipality={municipality}")).ShouldBeAsync(HttpStatusCode.OK);
        listed.AsArray().Select(v => v!["monitoring"]!.ToJsonString()).Should().Equal(
            """{"reportingIntervalMonths":3,"repairPeriodMonths":0}""", """{"reportingIntervalMonths":6,"repairPeriodMonths":1}""");
    }

    [Theory]
    [InlineData("reportingIntervalMonths", 0)]
    [InlineData("reportingIntervalMonths", 25)]
    [InlineData("reportingIntervalMonths", 1.5)]
    [InlineData("repairPeriodMonths", -1)]
    [InlineData("repairPeriodMonths", 25)]
    public async Task A_term_out_of_range_or_not_whole_months_is_a_400_naming_it(string field, double months)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["municipality"] = "GM0603", ["effectiveFrom"] = "2031-01-01", ["percentage"] = 5, ["description"] = "x",
            ["thresholds"] = new System.Text.Json.Nodes.JsonObject { ["werken"] = 1, ["diensten"] = 1, ["leveringen"] = 1 },
            [field] = months == Math.Floor(months) ? (int)months : months,
        };

        await (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", body)).ShouldNameFieldAsync(field);
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
