using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// A well-formed municipality code the ledger does not know — not in CBS's table, nothing recorded for it, no key bound to
/// it — is a 404 naming <c>municipality</c> on every operation that takes one (HttpConventions/UnknownMunicipalities), as a
/// history of a municipality without that stream already was. The reports, the worklist and the verification answered
/// 200 with empty figures. GM9xxx codes are not CBS's: the tests' municipalities are known by what they record. The lists
/// of policy versions and building-block tables, which make a municipality known, stay empty lists.
/// </summary>
[Collection(ApiCollection.Name)]
public class UnknownMunicipalityTests(LedgerApi api)
{
    private const string Unknown = "GM9876";

    [Theory]
    [InlineData("/api/v1/reports/sroi-obligations")]
    [InlineData("/api/v1/worklist")]
    [InlineData("/api/v1/audit/verification")]
    [InlineData("/api/v1/audit/checkpoints")]
    [InlineData("/api/v1/contracts")]
    [InlineData("/api/v1/notifications")]
    [InlineData("/api/v1/notifications/unread")]
    [InlineData("/api/v1/webhook-subscriptions")]
    [InlineData("/api/v1/sroi-policies/history")]
    [InlineData("/api/v1/reports/placements?year=2024")]
    public async Task An_admin_naming_a_municipality_the_ledger_does_not_know_gets_a_404_naming_it(string url)
    {
        var problem = await (await api.Admin().GetAsync($"{url}{(url.Contains('?') ? '&' : '?')}municipality={Unknown}")).ShouldBeAsync(HttpStatusCode.NotFound);

        problem["status"]!.GetValue<int>().Should().Be(404);
        problem["detail"]!.GetValue<string>().Should().Contain(Unknown);
    }

    [Fact]
    public async Task The_404_comes_after_the_400_of_another_bad_parameter_and_a_write_for_it_is_not_made()
    {
        var bad = await (await api.Admin().GetAsync($"/api/v1/worklist?municipality={Unknown}&pageSize=0")).ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().Equal("pageSize");

        await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={Unknown}", null)).ShouldBeAsync(HttpStatusCode.NotFound);
        var checkpoints = await (await api.Admin().GetAsync("/api/v1/audit/checkpoints?pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
        checkpoints["items"]!.AsArray().Select(c => c!["municipality"]!.GetValue<string>()).Should().NotContain(Unknown);
    }

    [Fact]
    public async Task A_municipality_of_CBS_with_nothing_recorded_and_one_outside_the_table_with_a_policy_or_a_key_are_known()
    {
        // Vlieland (GM0096): in CBS's table, nothing recorded by any test.
        var cbs = await (await api.Admin().GetAsync("/api/v1/reports/sroi-obligations?municipality=GM0096")).ShouldBeAsync(HttpStatusCode.OK);
        cbs["behind"]!.AsArray().Should().BeEmpty();

        // Outside the table, with a policy only: known by it.
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", new JsonObject
        {
            ["municipality"] = "GM9877", ["effectiveFrom"] = "2024-01-01", ["percentage"] = 5, ["description"] = "Beleid",
            ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
        })).ShouldBeAsync(HttpStatusCode.Created);
        await (await api.Admin().GetAsync("/api/v1/worklist?municipality=GM9877")).ShouldBeAsync(HttpStatusCode.OK);

        // Outside the table, with only a key bound to it: its key reads its own, and an admin may name it.
        var wsp = await api.ClientAsync("wsp", "GM9878");
        (await (await wsp.GetAsync("/api/v1/worklist?municipality=GM9878")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<int>().Should().Be(0);
        await (await api.Admin().GetAsync("/api/v1/audit/verification?municipality=GM9878")).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/v1/sroi-policies")]
    [InlineData("/api/v1/building-block-tables")]
    public async Task The_lists_of_what_makes_a_municipality_known_are_empty_for_one_with_none(string url)
    {
        // Where an admin looks before adding the first policy or table of a municipality formed after CBS's table.
        var list = await (await api.Admin().GetAsync($"{url}?municipality={Unknown}")).ShouldBeAsync(HttpStatusCode.OK);

        list.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_key_bound_to_a_municipality_naming_an_unknown_one_is_still_the_403_of_another_municipality()
    {
        var wsp = await api.ClientAsync("wsp");

        await (await wsp.GetAsync($"/api/v1/worklist?municipality={Unknown}")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}
