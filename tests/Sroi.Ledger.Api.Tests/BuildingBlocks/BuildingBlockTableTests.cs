using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.BuildingBlocks;

[Collection(ApiCollection.Name)]
public class BuildingBlockTableTests(LedgerApi api)
{
    private static string NewMunicipality() => $"GM{Random.Shared.Next(1000, 9999)}";

    internal static JsonObject Table(string effectiveFrom = "2024-01-01", string? municipality = null) => new()
    {
        ["municipality"] = municipality,
        ["effectiveFrom"] = effectiveFrom,
        ["name"] = "Oost-Nederland 2024",
        ["blocks"] = new JsonArray(
            new JsonObject { ["code"] = "participatiewet", ["valuePerYear"] = 30_000, ["capMonths"] = 24 },
            new JsonObject { ["code"] = "work-experience", ["valuePerYear"] = 9_000, ["capMonths"] = 12 }),
        ["bonuses"] = new JsonObject { ["age55Plus"] = 15_000, ["workLimitation"] = 20_000, ["hiredAfterVsoInternship"] = 10_000 },
        ["socialProcurementShares"] = new JsonArray(new JsonObject { ["recognition"] = "code-sociale-ondernemingen", ["percentage"] = 100 }),
        ["socialActivityPerHour"] = 100,
    };

    [Fact]
    public async Task The_Haaglanden_2023_table_is_shipped_for_Rijswijk_and_every_role_can_read_it()
    {
        var contractor = await api.ClientAsync("opdrachtnemer", kvkNumber: ContractBodies.UniqueKvk());

        var tables = await (await contractor.GetAsync("/api/v1/building-block-tables?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.OK);

        var shipped = tables.AsArray().First()!;
        shipped["id"]!.GetValue<string>().Should().Be("GM0603-bouwblokken-v1");
        shipped["effectiveFrom"]!.GetValue<string>().Should().Be("2023-07-01");
        shipped.Decimal("hoursPerFullTimeWeek").Should().Be(36m);
        var blocks = shipped["blocks"]!.AsArray().ToDictionary(b => b!["code"]!.GetValue<string>());
        blocks.Should().HaveCount(10);
        blocks["participatiewet"]!.Decimal("valuePerYear").Should().Be(40_000m);
        blocks["participatiewet"]!["capMonths"]!.GetValue<int>().Should().Be(24);
        blocks["banenafspraak"]!["capMonths"].Should().BeNull();
        blocks["bbl-level3-or-higher"]!["capMonths"]!.GetValue<int>().Should().Be(36);
        shipped.Decimal("bonuses.hiredAfterVsoInternship").Should().Be(25_000m);
        shipped["socialActivityPerHour"].Should().BeNull();
        (await (await contractor.GetAsync("/api/v1/building-block-tables/GM0603-bouwblokken-v1")).ShouldBeAsync(HttpStatusCode.OK))["name"]!
            .GetValue<string>().Should().StartWith("Haaglanden");
    }

    [Fact]
    public async Task The_wsp_adds_a_version_for_its_municipality_and_reports_there_are_valued_with_it()
    {
        var municipality = NewMunicipality();
        var wsp = await api.ClientAsync("wsp", municipality);

        var response = await wsp.PostJsonAsync("/api/v1/building-block-tables", Table());

        var added = await response.ShouldBeAsync(HttpStatusCode.Created);
        added["id"]!.GetValue<string>().Should().Be($"{municipality}-bouwblokken-v1");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/building-block-tables/{municipality}-bouwblokken-v1");

        var kvk = ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk)
            .With("sroi", new JsonObject { ["percentage"] = 5 }))).ShouldBeAsync(HttpStatusCode.Created);
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var report = await (await contractor.PostJsonAsync($"/api/v1/contracts/{contract["id"]}/fulfilments", FulfilmentBodies.WorkExperience()))
            .ShouldBeAsync(HttpStatusCode.Created);
        report["tableVersion"]!.GetValue<string>().Should().Be($"{municipality}-bouwblokken-v1");
        report.Decimal("value").Should().Be(1_495.89m); // 9.000 × 24/36 × 91/365
        var activity = await (await contractor.PostJsonAsync($"/api/v1/contracts/{contract["id"]}/fulfilments", FulfilmentBodies.SocialActivity()))
            .ShouldBeAsync(HttpStatusCode.Created);
        activity.Decimal("value").Should().Be(1_200m);
    }

    [Fact]
    public async Task Only_admin_and_wsp_add_versions_a_wsp_for_its_own_municipality_and_a_date_once()
    {
        var municipality = NewMunicipality();
        var wsp = await api.ClientAsync("wsp", municipality);

        await (await (await api.ClientAsync("inkoop", municipality)).PostJsonAsync("/api/v1/building-block-tables", Table())).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", Table(municipality: "GM0603"))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().PostJsonAsync("/api/v1/building-block-tables", Table())).ShouldNameFieldAsync("municipality");
        await (await api.Admin().PostJsonAsync("/api/v1/building-block-tables", Table(municipality: municipality))).ShouldBeAsync(HttpStatusCode.Created);

        var twice = await (await wsp.PostJsonAsync("/api/v1/building-block-tables", Table())).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        twice["code"]!.GetValue<string>().Should().Be("building-block-table.duplicate-effective-date");
        var v2 = await (await wsp.PostJsonAsync("/api/v1/building-block-tables", Table("2025-01-01"))).ShouldBeAsync(HttpStatusCode.Created);
        v2["version"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_adds_one_version()
    {
        var municipality = NewMunicipality();
        var wsp = await api.ClientAsync("wsp", municipality);
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "tabel-2024");

        var first = await wsp.PostJsonAsync("/api/v1/building-block-tables", Table(), Key);
        var second = await wsp.PostJsonAsync("/api/v1/building-block-tables", Table(), Key);

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await second.ShouldBeAsync(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await (await wsp.GetAsync($"/api/v1/building-block-tables?municipality={municipality}")).JsonAsync()).AsArray().Should().ContainSingle();
    }

    [Theory]
    [InlineData("blocks[0].valuePerYear")]
    [InlineData("blocks[1].code")]
    [InlineData("blocks[0].capMonths")]
    [InlineData("bonuses")]
    [InlineData("socialProcurementShares[0].percentage")]
    [InlineData("effectiveFrom")]
    public async Task A_bad_table_is_a_400_naming_the_field(string field)
    {
        var wsp = await api.ClientAsync("wsp", NewMunicipality());
        var body = Table();
        switch (field)
        {
            case "blocks[0].valuePerYear": body["blocks"]![0]!["valuePerYear"] = -1; break;
            case "blocks[1].code": body["blocks"]![1]!["code"] = "participatiewet"; break;
            case "blocks[0].capMonths": body["blocks"]![0]!["capMonths"] = 0; break;
            case "bonuses": body.Remove("bonuses"); break;
            case "socialProcurementShares[0].percentage": body["socialProcurementShares"]![0]!["percentage"] = 101; break;
            case "effectiveFrom": body.Remove("effectiveFrom"); break;
        }

        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", body)).ShouldNameFieldAsync(field);
    }
}
