using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>GET /candidates: the WSP's list of its municipality's candidates, filtered and paged in SQL, by number.</summary>
[Collection(ApiCollection.Name)]
public class ListingCandidatesTests(LedgerApi api)
{
    // This class's own municipalities: nothing else registers candidates there, so the counts are exact.
    private const string Municipality = "GM9241";
    private const string Other = "GM9242";

    private static JsonObject Registration(string number, int trede = 2, string targetGroup = "participatiewet", string? benefitSince = "2019-11-01") =>
        CandidateBodies.Registration(number, trede: trede, targetGroup: targetGroup, benefitSince: benefitSince, municipality: Municipality);

    /// <summary>Five candidates (numbers L-1… to L-5…, unique per run) with what the filters tell apart; returns the numbers.</summary>
    private async Task<(HttpClient Wsp, string Run, string[] Numbers)> SeedAsync()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant().Replace('0', 'A').Replace('1', 'B');
        string[] numbers = [.. Enumerable.Range(1, 5).Select(i => $"L{run}-{i}")];
        await wsp.RegisterAsync(Registration(numbers[0], trede: 2));
        await wsp.RegisterAsync(Registration(numbers[1], trede: 3));
        await wsp.RegisterAsync(Registration(numbers[2], trede: 2, targetGroup: "ww", benefitSince: "2019-11-01"));
        await wsp.RegisterAsync(Registration(numbers[3], trede: 4));
        await wsp.RegisterAsync(Registration(numbers[4], trede: 2, benefitSince: null));

        // 1: trede 2 → 5, act ioaw; 2: no longer served; 4: two placements, one ended, one open, and one withdrawn.
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{numbers[0]}/trede-changes", CandidateBodies.TredeChange(5, "2021-01-01"))).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{numbers[0]}/benefit-act",
            new JsonObject { ["benefitAct"] = "ioaw", ["effectiveOn"] = "2021-02-01" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{numbers[1]}/wsp-service",
            new JsonObject { ["served"] = false, ["effectiveOn"] = "2021-02-01" })).ShouldBeAsync(HttpStatusCode.OK);
        var ended = await wsp.PlaceAsync(numbers[3]);
        await wsp.PlaceAsync(numbers[3], CandidateBodies.Placement(startedOn: "2021-06-01"));
        var withdrawn = await wsp.PlaceAsync(numbers[3], CandidateBodies.Placement(startedOn: "2021-07-01"));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{numbers[3]}/placements/{ended}/end",
            new JsonObject { ["endedOn"] = "2021-05-01", ["reason"] = "Contract afgelopen" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{numbers[3]}/placements/{withdrawn}/withdrawal",
            new JsonObject { ["reason"] = "Dubbel ingevoerd" })).ShouldBeAsync(HttpStatusCode.OK);
        return (wsp, run, numbers);
    }

    private static async Task<JsonNode> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/candidates?{query}")).ShouldBeAsync(HttpStatusCode.OK);

    private static string[] Numbers(JsonNode page) =>
        [.. page["items"]!.AsArray().Select(i => i!["candidateNumber"]!.GetValue<string>())];

    [Fact]
    public async Task The_wsp_lists_its_candidates_by_number_with_what_each_stands_at_as_the_candidate_page_shows()
    {
        var (wsp, run, numbers) = await SeedAsync();
        var page = await ListAsync(wsp, $"q=L{run}");
        Numbers(page).Should().Equal(numbers);
        (page.Long("total"), page.Long("page"), page.Long("pageSize")).Should().Be((5, 1, 20));

        JsonNode.DeepEquals(page["items"]![0], JsonNode.Parse($$"""
            {"candidateNumber":"{{numbers[0]}}","municipality":"{{Municipality}}","trede":5,"benefitAct":"ioaw","servedByWsp":true,"openPlacements":0,"version":3}
            """)).Should().BeTrue(page["items"]![0]!.ToJsonString());
        var items = page["items"]!.AsArray();
        items.Select(i => i!["trede"]!.GetValue<int>()).Should().Equal(5, 3, 2, 4, 2);
        // Every item names its act; a candidate without a municipal benefit has it as JSON null, not left out.
        items.Should().OnlyContain(i => i!.AsObject().ContainsKey("benefitAct"));
        items.Select(i => i!["benefitAct"] is JsonNode act ? act.GetValue<string>() : null).Should().Equal("ioaw", "participatiewet", null, "participatiewet", null);
        items.Select(i => i!["servedByWsp"]!.GetValue<bool>()).Should().Equal(true, false, true, true, true);
        items.Select(i => i!["openPlacements"]!.GetValue<int>()).Should().Equal(0, 0, 0, 1, 0);

        // Each row's version is the candidate's ETag.
        foreach (var item in items)
        {
            var one = await wsp.GetAsync($"/api/v1/candidates/{item!["candidateNumber"]!.GetValue<string>()}");
            one.Headers.ETag!.Tag.Should().Be($"\"{item["version"]!.GetValue<long>()}\"");
        }
        // No personal data: the ledger has none, the list adds none.
        items.SelectMany(i => i!.AsObject().Select(p => p.Key)).Distinct().Should()
            .BeEquivalentTo(["candidateNumber", "municipality", "trede", "benefitAct", "servedByWsp", "openPlacements", "version"]);
    }

    [Fact]
    public async Task Filters_combine_and_the_number_prefix_ignores_case()
    {
        var (wsp, run, numbers) = await SeedAsync();
        Numbers(await ListAsync(wsp, $"q=L{run}&trede=2")).Should().Equal(numbers[2], numbers[4]);
        Numbers(await ListAsync(wsp, $"q=L{run}&benefitAct=participatiewet")).Should().Equal(numbers[1], numbers[3]);
        Numbers(await ListAsync(wsp, $"q=L{run}&benefitAct=ioaw")).Should().Equal(numbers[0]);
        Numbers(await ListAsync(wsp, $"q=L{run}&servedByWsp=false")).Should().Equal(numbers[1]);
        Numbers(await ListAsync(wsp, $"q=L{run}&servedByWsp=true&trede=2")).Should().Equal(numbers[2], numbers[4]);
        Numbers(await ListAsync(wsp, $"q=l{run.ToLowerInvariant()}-4")).Should().Equal(numbers[3]);
        var none = await ListAsync(wsp, $"q=L{run}&trede=6");
        (Numbers(none).Length, none.Long("total")).Should().Be((0, 0));
    }

    [Fact]
    public async Task Pages_do_not_overlap_and_past_the_last_the_total_still_counts()
    {
        var (wsp, run, numbers) = await SeedAsync();
        var first = await ListAsync(wsp, $"q=L{run}&pageSize=2");
        var second = await ListAsync(wsp, $"q=L{run}&pageSize=2&page=2");
        var third = await ListAsync(wsp, $"q=L{run}&pageSize=2&page=3");
        Numbers(first).Concat(Numbers(second)).Concat(Numbers(third)).Should().Equal(numbers);
        (first.Long("total"), second.Long("page"), third.Long("total")).Should().Be((5, 2, 5));
        var past = await ListAsync(wsp, $"q=L{run}&pageSize=2&page=9");
        (Numbers(past).Length, past.Long("total")).Should().Be((0, 5));
    }

    [Fact]
    public async Task Every_bad_parameter_is_named_in_one_400()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var bad = await (await wsp.GetAsync("/api/v1/candidates?q=a%25b&trede=7&benefitAct=ww&servedByWsp=ja&page=0&pageSize=101&municipality=XX"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should()
            .BeEquivalentTo(["q", "trede", "benefitAct", "servedByWsp", "page", "pageSize", "municipality"]);
        await (await wsp.GetAsync("/api/v1/candidates?q=" + new string('1', 21))).ShouldNameFieldAsync("q");
        await (await wsp.GetAsync("/api/v1/candidates?trede=twee")).ShouldNameFieldAsync("trede");

        // An admin names the municipality: without it, a 400 naming it.
        await (await api.Admin().GetAsync("/api/v1/candidates")).ShouldNameFieldAsync("municipality");
    }

    [Fact]
    public async Task Another_municipality_is_a_403_others_roles_are_refused_and_an_admin_lists_the_one_it_names()
    {
        var (wsp, run, numbers) = await SeedAsync();
        var otherWsp = await api.ClientAsync("wsp", Other);
        await otherWsp.RegisterAsync(CandidateBodies.Registration($"L{run}-9", municipality: Other));

        await (await wsp.GetAsync($"/api/v1/candidates?municipality={Other}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        // Its own list holds its own only, whatever the prefix.
        Numbers(await ListAsync(wsp, $"q=L{run}")).Should().Equal(numbers);
        Numbers(await ListAsync(otherWsp, $"q=L{run}")).Should().Equal($"L{run}-9");
        Numbers(await ListAsync(wsp, $"q=L{run}&municipality={Municipality}")).Should().Equal(numbers);

        foreach (var role in new[] { "auditor", "inkoop" })
            await (await (await api.ClientAsync(role, Municipality)).GetAsync("/api/v1/candidates")).ShouldBeAsync(HttpStatusCode.Forbidden);

        var admin = await ListAsync(api.Admin(), $"municipality={Municipality}&q=L{run}");
        Numbers(admin).Should().Equal(numbers);
        admin["items"]![0]!["municipality"]!.GetValue<string>().Should().Be(Municipality);
    }
}
