using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The WSP's candidate list at /dashboard/kandidaten (GET /candidates: search on the number's start, filters and paging in
/// the URL) and the candidate page's forms for issue 22's facts (the benefit's act, the WSP's service, the day activity, a
/// programme's enrolment, outcome, withdrawal and end), each checked through the API. The WSP signs in as the seeded
/// municipality's, so its candidates carry numbers of this class's own (letters: never a BSN) and its programme a code of
/// its own; the paging runs in this class's own municipality <see cref="Paged"/>, read by the administrator.
/// </summary>
[Collection(DashboardCollection.Name)]
public class CandidateListAndFactsTests(DashboardSite site)
{
    private const string Paged = "GM9251";

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly Dictionary<DashboardSite, string> SeededBy = [];

    /// <summary>A prefix no other test uses: "LJ" and six letters.</summary>
    private static string FreshPrefix() => "LJ" + new string([.. Enumerable.Range(0, 6).Select(_ => (char)('A' + Random.Shared.Next(26)))]);

    [Fact]
    public async Task The_wsp_lists_its_candidates_searches_on_the_number_and_the_filters_are_in_the_url()
    {
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var prefix = FreshPrefix();
        await RegisterAsync(wsp, $"{prefix}-1", trede: 2);
        await RegisterAsync(wsp, $"{prefix}-2", trede: 3);
        await RegisterAsync(wsp, $"{prefix}-3", trede: 2, benefitSince: null);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{prefix}-2/wsp-service",
            new JsonObject { ["served"] = false, ["effectiveOn"] = "2026-02-01" })).ShouldBeAsync(HttpStatusCode.OK);

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/kandidaten?zoeken={prefix}");
        (await tab.TextAsync("main h1")).Should().Be("Kandidaten");
        (await tab.Page.TitleAsync()).Should().Be("Kandidaten — SROI-dashboard");
        await CaptionAsync(tab, "Kandidaten 1–3 van 3");
        (await NumbersAsync(tab)).Should().Equal(await ApiNumbersAsync(wsp, $"q={prefix}"));
        (await tab.CellsAsync($"tr[data-candidate='{prefix}-2']")).Should()
            .Equal($"{prefix}-2", "3 — deelname georganiseerde activiteiten", "Participatiewet", "nee", "0");
        (await tab.CellsAsync($"tr[data-candidate='{prefix}-3']")).Should()
            .Equal($"{prefix}-3", "2 — sociale contacten buiten de deur", "geen gemeentelijke uitkering", "ja", "0");
        (await tab.Page.GetByLabel("Zoeken", new() { Exact = true }).InputValueAsync()).Should().Be(prefix);
        // The look-up by the whole number stays.
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Openen" }).CountAsync()).Should().Be(1);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-kandidaten");

        await tab.Page.GetByLabel("Trede", new() { Exact = true }).SelectOptionAsync("2");
        await tab.ArriveAsync($"**/dashboard/kandidaten?zoeken={prefix}&trede=2");
        await CaptionAsync(tab, "Kandidaten 1–2 van 2");
        (await NumbersAsync(tab)).Should().Equal(await ApiNumbersAsync(wsp, $"q={prefix}&trede=2"));
        await tab.Page.GetByLabel("Begeleid door het WSP").SelectOptionAsync("nee");
        await tab.ArriveAsync($"**/dashboard/kandidaten?zoeken={prefix}&trede=2&begeleid=nee");
        await tab.Page.GetByText("Geen kandidaten gevonden die aan uw keuzes voldoen.").WaitForAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GoBackAsync();
        await CaptionAsync(tab, "Kandidaten 1–2 van 2");
        (await tab.Page.GetByLabel("Begeleid door het WSP").InputValueAsync()).Should().Be("");

        // A BSN typed into the search is refused here, in Dutch: it never reaches the URL.
        await tab.Page.GetByLabel("Zoeken", new() { Exact = true }).FillAsync("123456782");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Zoek", Exact = true }).ClickAsync();
        (await tab.TextAsync("#zoeken-fout")).Should().StartWith("Dit lijkt op een BSN");
        tab.Page.Url.Should().NotContain("123456782");

        await tab.Page.GetByLabel("Zoeken", new() { Exact = true }).FillAsync($"{prefix}-3");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Zoek", Exact = true }).ClickAsync();
        await CaptionAsync(tab, "Kandidaten 1–1 van 1");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await PageFitsAsync(tab)).Should().BeTrue();
        await tab.ScreenshotAsync("web-kandidaten-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Link, new() { Name = $"{prefix}-3", Exact = true }), $"**/dashboard/kandidaten/{prefix}-3");
        (await tab.TextAsync("main h1")).Should().Be($"Kandidaat {prefix}-3");
        tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_pages_through_the_municipality_it_names()
    {
        var admin = await SeedPagedAsync();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", $"/dashboard/kandidaten?gemeente={Paged}");
        await CaptionAsync(tab, "Kandidaten 1–20 van 23");
        (await NumbersAsync(tab)).Should().Equal(await ApiNumbersAsync(admin, $"municipality={Paged}&page=1"));
        (await tab.Page.GetByLabel("Gemeente (CBS-code)").InputValueAsync()).Should().Be(Paged);

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
        await CaptionAsync(tab, "Kandidaten 21–23 van 23");
        tab.Page.Url.Should().EndWith($"/dashboard/kandidaten?gemeente={Paged}&pagina=2");
        (await NumbersAsync(tab)).Should().Equal(await ApiNumbersAsync(admin, $"municipality={Paged}&page=2"));
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByLabel("Trede", new() { Exact = true }).SelectOptionAsync("4");
        await tab.ArriveAsync($"**/dashboard/kandidaten?trede=4&gemeente={Paged}");
        await CaptionAsync(tab, "Kandidaten 1–5 van 5");
        (await NumbersAsync(tab)).Should().Equal(await ApiNumbersAsync(admin, $"municipality={Paged}&trede=4"));
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_facts_of_a_candidate_are_recorded_in_the_pages_forms_and_each_is_in_the_api()
    {
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = $"{FreshPrefix()}-F";
        await RegisterAsync(wsp, number, trede: 2);
        var code = "lijst-" + FreshPrefix().ToLowerInvariant();
        await (await wsp.PostJsonAsync("/api/v1/programmes", new JsonObject
        {
            ["municipality"] = SeededLedger.Municipality, ["code"] = code, ["name"] = "Werkfit", ["startsOn"] = "2025-01-01",
            ["outcomes"] = new JsonArray("first-talk", "activated"),
        })).ShouldBeAsync(HttpStatusCode.Created);
        var url = $"/api/v1/candidates/{number}";

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/kandidaten/{number}");
        await tab.Page.Locator("main dl", new() { HasTextString = "Rijswijk" }).First.WaitForAsync();

        // The act: sent empty first, so the form names both fields at their controls (it sends nothing; see
        // Forms/FormCheckTests for every form of this page sent empty).
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wet van de uitkering wijzigen" }).ClickAsync();
        await SubmitAsync(tab, "Wet vastleggen");
        await tab.Page.Locator("#wet-nieuw-fout").WaitForAsync();
        (await tab.TextAsync("#wet-nieuw-fout")).Should().Be("Kies de wet van de uitkering.");
        (await tab.TextAsync("#wet-per-fout")).Should().Be("Vul een datum in.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await PageFitsAsync(tab)).Should().BeTrue();
        await tab.Page.SetViewportSizeAsync(1280, 900);
        await tab.Page.GetByLabel("Wet van de uitkering", new() { Exact = true }).SelectOptionAsync("ioaz");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2026-02-01");
        await SubmitAsync(tab, "Wet vastleggen");
        await tab.Page.GetByText("Wet van de uitkering gewijzigd naar IOAZ.").WaitForAsync();
        var candidate = await GetAsync(wsp, url);
        candidate["benefitAct"]!.GetValue<string>().Should().Be("ioaz");
        JsonNode.DeepEquals(candidate["benefitActs"], JsonNode.Parse("""[{"benefitAct":"ioaz","effectiveOn":"2026-02-01"}]""")).Should().BeTrue();

        // The WSP's service: the form offers the other of what holds now.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Begeleiding wijzigen" }).ClickAsync();
        (await tab.Page.GetByLabel("Nee, het WSP begeleidt de kandidaat niet meer").IsCheckedAsync()).Should().BeTrue();
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2026-02-15");
        await SubmitAsync(tab, "Begeleiding vastleggen");
        await tab.Page.GetByText("Vastgelegd: het WSP begeleidt de kandidaat niet meer.").WaitForAsync();
        candidate = await GetAsync(wsp, url);
        candidate["servedByWsp"]!.GetValue<bool>().Should().BeFalse();
        JsonNode.DeepEquals(candidate["wspService"], JsonNode.Parse("""[{"served":false,"effectiveOn":"2026-02-15"}]""")).Should().BeTrue();

        // The day activity.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Dagbesteding vastleggen" }).ClickAsync();
        await tab.Page.GetByLabel("Dagbesteding", new() { Exact = true }).SelectOptionAsync("working");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2026-03-01");
        await SubmitAsync(tab, "Dagbesteding vastleggen");
        await tab.Page.GetByText("Dagbesteding vastgelegd: Aan het werk.").WaitForAsync();
        JsonNode.DeepEquals((await GetAsync(wsp, url))["dayActivities"], JsonNode.Parse("""[{"activity":"working","effectiveOn":"2026-03-01"}]"""))
            .Should().BeTrue();
        // The confirmation comes before the page has read the candidate again: wait for the facts, not a snapshot of them.
        await tab.Page.Locator("main").GetByText("Aan het werk (sinds 01-03-2026)").WaitForAsync();

        // A programme: enrol, record an outcome, withdraw it, end the enrolment.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Inschrijven op traject" }).ClickAsync();
        await tab.Page.GetByLabel("Traject", new() { Exact = true }).SelectOptionAsync(code);
        await tab.Page.GetByLabel("Inschrijfdatum").FillAsync("2026-03-02");
        await SubmitAsync(tab, "Inschrijving vastleggen");
        await tab.Page.GetByText($"Ingeschreven op traject {code}.").WaitForAsync();
        var enrolment = (await GetAsync(wsp, url))["programmes"]!.AsArray().Single()!;
        (enrolment["programme"]!.GetValue<string>(), enrolment["enrolledOn"]!.GetValue<string>()).Should().Be((code, "2026-03-02"));

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Resultaat vastleggen: Werkfit ({code})" }).ClickAsync();
        await tab.Page.GetByLabel("Resultaat", new() { Exact = true }).SelectOptionAsync("first-talk");
        await tab.Page.GetByLabel("Behaald op").FillAsync("2026-03-10");
        await SubmitAsync(tab, "Resultaat vastleggen");
        await tab.Page.GetByText("Resultaat first-talk vastgelegd.").WaitForAsync();
        JsonNode.DeepEquals((await GetAsync(wsp, url))["programmes"]![0]!["outcomes"], JsonNode.Parse("""[{"outcome":"first-talk","on":"2026-03-10"}]"""))
            .Should().BeTrue();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-kandidaat-traject");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Intrekken: resultaat first-talk op 10-03-2026 ({code})" }).ClickAsync();
        await tab.Page.GetByLabel("Reden van de intrekking").FillAsync("Gesprek ging niet door");
        await SubmitAsync(tab, "Resultaat intrekken");
        await tab.Page.GetByText("Resultaat first-talk van 10-03-2026 ingetrokken.").WaitForAsync();
        (await GetAsync(wsp, url))["programmes"]![0]!["outcomes"]!.AsArray().Should().BeEmpty();

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Inschrijving beëindigen: Werkfit ({code})" }).ClickAsync();
        await tab.Page.GetByLabel("Einddatum").FillAsync("2026-04-01");
        await tab.Page.GetByLabel("Reden", new() { Exact = true }).FillAsync("Traject afgerond");
        await SubmitAsync(tab, "Einde vastleggen");
        await tab.Page.GetByText($"Inschrijving op Werkfit ({code}) beëindigd.").WaitForAsync();
        enrolment = (await GetAsync(wsp, url))["programmes"]!.AsArray().Single()!;
        (enrolment["endedOn"]!.GetValue<string>(), enrolment["endReason"]!.GetValue<string>()).Should().Be(("2026-04-01", "Traject afgerond"));

        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-kandidaat-feiten");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await PageFitsAsync(tab)).Should().BeTrue();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty("the empty form above was refused by the page, not sent");
    }

    private static async Task RegisterAsync(HttpClient wsp, string number, int trede, string? benefitSince = "2025-06-01", string municipality = SeededLedger.Municipality)
    {
        var body = new JsonObject
        {
            ["candidateNumber"] = number, ["municipality"] = municipality, ["registeredOn"] = "2026-01-05", ["trede"] = trede,
            ["targetGroup"] = benefitSince is null ? "no-benefit" : "participatiewet",
        };
        if (benefitSince is not null) body["benefitSince"] = benefitSince;
        await (await wsp.PostJsonAsync("/api/v1/candidates", body)).ShouldBeAsync(HttpStatusCode.Created);
    }

    /// <summary>23 candidates in <see cref="Paged"/> (every fifth on trede 4), once per site; the administrator's client to read them back.</summary>
    private async Task<HttpClient> SeedPagedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (!SeededBy.ContainsKey(site))
            {
                var wsp = await site.ClientAsync("wsp", Paged);
                var prefix = FreshPrefix();
                for (var i = 0; i < 23; i++)
                    await RegisterAsync(wsp, $"{prefix}-{i:00}", trede: i % 5 == 0 ? 4 : 2, municipality: Paged);
                SeededBy[site] = prefix;
            }
            return site.Admin();
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task<string[]> NumbersAsync(DashboardTab tab) =>
        [.. (await tab.Page.Locator("main tbody tr[data-candidate] > td:first-child").AllInnerTextsAsync()).Select(DashboardTab.Text)];

    private static async Task<string[]> ApiNumbersAsync(HttpClient by, string query) =>
        [.. (await (await by.GetAsync($"/api/v1/candidates?{query}")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(c => c!["candidateNumber"]!.GetValue<string>())];

    private static Task CaptionAsync(DashboardTab tab, string caption) =>
        tab.Page.Locator("main caption", new() { HasTextString = caption }).WaitForAsync();

    private static async Task<JsonNode> GetAsync(HttpClient by, string url) => await (await by.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static Task SubmitAsync(DashboardTab tab, string button) =>
        tab.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    private static Task<bool> PageFitsAsync(DashboardTab tab) =>
        tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
}
