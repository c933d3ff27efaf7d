using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The WSP's candidate pages (web/src/candidates): register a candidate, change the trede, register, correct, end,
/// correct the end of and withdraw a placement, each in its form, signed in through the identity provider as the WSP
/// of the seeded municipality, and each checked through the API. Every test uses candidate numbers of its own (eight
/// digits after "K-": never nine, so never a BSN) and records nothing on the seeded contracts.
/// </summary>
[Collection(DashboardCollection.Name)]
public class CandidatePagesTests(DashboardSite site)
{
    /// <summary>A number that passes the elfproef: a BSN, which must never be sent.</summary>
    private const string BsnLike = "123456782";

    [Fact]
    public async Task A_candidate_registered_in_the_form_is_in_the_api_and_a_bsn_like_number_is_refused_in_dutch_before_sending()
    {
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = FreshNumber();
        await using var tab = await site.OpenAsync();
        var posted = new List<string>();
        tab.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/api/v1/candidates", StringComparison.Ordinal)) posted.Add(request.Url);
        };
        await tab.SignInAsync("wsp", "/dashboard/kandidaten/nieuw");
        (await tab.TextAsync("main h1")).Should().Be("Kandidaat registreren");
        (await tab.Page.TitleAsync()).Should().Be("Kandidaat registreren — SROI-dashboard");

        await tab.Page.GetByLabel("Kandidaatnummer").FillAsync(BsnLike);
        await tab.Page.GetByLabel("Registratiedatum").FillAsync("2026-02-02");
        await tab.Page.GetByLabel("Trede", new() { Exact = true }).SelectOptionAsync("3");
        await SubmitAsync(tab, "Kandidaat registreren");
        (await tab.TextAsync("#nummer-fout")).Should().StartWith("Dit nummer lijkt op een BSN");
        (await tab.TextAsync(".sroi-error-summary")).Should().Contain("Kandidaatnummer: Dit nummer lijkt op een BSN");
        (await tab.Page.GetByLabel("Kandidaatnummer").GetAttributeAsync("aria-invalid")).Should().Be("true");
        posted.Should().BeEmpty("the number is refused before anything is sent");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // A valid number, the target group left out: named at that field, in Dutch, before anything is sent.
        await tab.Page.GetByLabel("Kandidaatnummer").FillAsync(number);
        await SubmitAsync(tab, "Kandidaat registreren");
        await tab.Page.Locator("#doelgroep-fout").WaitForAsync();
        (await tab.TextAsync("#doelgroep-fout")).Should().Be("Kies de doelgroep.");
        (await tab.Page.Locator("#nummer-fout").CountAsync()).Should().Be(0);
        posted.Should().BeEmpty("every field is checked in the page first");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await PageFitsAsync(tab)).Should().BeTrue();
        await tab.ScreenshotAsync("web-kandidaat-nieuw-fouten-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        await tab.Page.GetByLabel("Doelgroep").SelectOptionAsync("participatiewet");
        await tab.Page.GetByLabel("Uitkering sinds (niet verplicht)").FillAsync("2025-09-01");
        await tab.Page.GetByLabel("Wet van de uitkering (niet verplicht)").SelectOptionAsync("ioaw");
        await tab.ScreenshotAsync("web-kandidaat-nieuw");
        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Kandidaat registreren", Exact = true }),
            $"**/dashboard/kandidaten/{number}");
        await tab.Page.GetByText("Kandidaat geregistreerd.").WaitForAsync();

        var candidate = await GetAsync(wsp, $"/api/v1/candidates/{number}");
        candidate["registeredOn"]!.GetValue<string>().Should().Be("2026-02-02");
        candidate["trede"]!.GetValue<int>().Should().Be(3);
        candidate["targetGroup"]!.GetValue<string>().Should().Be("participatiewet");
        candidate["benefitSince"]!.GetValue<string>().Should().Be("2025-09-01");
        candidate["benefitAct"]!.GetValue<string>().Should().Be("ioaw");
        candidate["servedByWsp"]!.GetValue<bool>().Should().BeTrue();
        (await tab.TextAsync("main h1")).Should().Be($"Kandidaat {number}");
        await tab.Page.Locator("tr[data-trede='0']").WaitForAsync();
        (await tab.CellsAsync("tr[data-trede='0']")).Should().Equal("02-02-2026", "3", "–", "registratie");
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_trede_and_a_placements_whole_life_are_recorded_in_the_pages_forms_and_each_is_in_the_api()
    {
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = await RegisterAsync(wsp);
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/kandidaten/{number}");
        (await tab.Page.TitleAsync()).Should().Be($"Kandidaat {number} — SROI-dashboard");
        await tab.Page.Locator("main dl", new() { HasTextString = "Rijswijk" }).WaitForAsync();
        (await tab.TextAsync("main dl")).Should().Contain("Rijswijk").And.Contain("05-01-2026").And.Contain("2 — sociale contacten buiten de deur");
        (await tab.TextAsync("main")).Should().Contain("Nog geen plaatsingen.");

        // The trede change.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Trede wijzigen" }).ClickAsync();
        await tab.Page.GetByLabel("Nieuwe trede").SelectOptionAsync("4");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2026-03-02");
        await tab.Page.GetByLabel("Reden", new() { Exact = true }).FillAsync("Herbeoordeling na werkervaring");
        await SubmitAsync(tab, "Trede vastleggen");
        await tab.Page.GetByText("Trede gewijzigd naar 4.").WaitForAsync();
        var afterTrede = await GetAsync(wsp, $"/api/v1/candidates/{number}");
        afterTrede["trede"]!.GetValue<int>().Should().Be(4);
        var change = afterTrede["treden"]!.AsArray()[1]!;
        (change["from"]!.GetValue<int>(), change["trede"]!.GetValue<int>(), change["effectiveOn"]!.GetValue<string>(), change["reason"]!.GetValue<string>())
            .Should().Be((2, 4, "2026-03-02", "Herbeoordeling na werkervaring"));
        await tab.Page.Locator("tr[data-trede='1']").WaitForAsync();
        (await tab.CellsAsync("tr[data-trede='1']")).Should().Equal("02-03-2026", "4", "2", "Herbeoordeling na werkervaring");

        // A placement: first sent empty, so the page names every missing field at its control, in Dutch.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Plaatsing registreren" }).ClickAsync();
        await SubmitAsync(tab, "Plaatsing vastleggen");
        await tab.Page.Locator("#plaatsing-soort-fout").WaitForAsync();
        (await tab.TextAsync("#plaatsing-soort-fout")).Should().Be("Kies de soort plaatsing.");
        (await tab.TextAsync("#plaatsing-start-fout")).Should().Be("Vul een datum in.");
        (await tab.TextAsync("#plaatsing-uren-fout")).Should().Be("Vul het aantal uren per week in.");
        (await tab.TextAsync("#plaatsing-kanaal-fout")).Should().Be("Kies hoe de kandidaat het werk vond.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-kandidaat-plaatsing-fouten");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await PageFitsAsync(tab)).Should().BeTrue();
        await tab.Page.SetViewportSizeAsync(1280, 900);

        await tab.Page.GetByLabel("Soort plaatsing").SelectOptionAsync("garantiebaan");
        await tab.Page.GetByLabel("Naam werkgever").FillAsync("Bakkerij De Korenschoof");
        await tab.Page.GetByLabel("KvK-nummer werkgever").FillAsync("87654321");
        await tab.Page.GetByLabel("Begindatum").FillAsync("2026-04-01");
        await tab.Page.GetByLabel("Uren per week").FillAsync("32,5");
        await tab.Page.GetByLabel("Gevonden").SelectOptionAsync("wsp");
        await SubmitAsync(tab, "Plaatsing vastleggen");
        await tab.Page.GetByText("Plaatsing geregistreerd.").WaitForAsync();
        var recorded = (await GetAsync(wsp, $"/api/v1/candidates/{number}"))["placements"]!.AsArray().Single()!;
        var id = recorded["id"]!.GetValue<string>();
        var placementUrl = $"/api/v1/candidates/{number}/placements/{id}";
        recorded["kind"]!.GetValue<string>().Should().Be("garantiebaan");
        recorded["employer"]!["kvkNumber"]!.GetValue<string>().Should().Be("87654321");
        recorded["employer"]!["name"]!.GetValue<string>().Should().Be("Bakkerij De Korenschoof");
        recorded["startedOn"]!.GetValue<string>().Should().Be("2026-04-01");
        recorded["hoursPerWeek"]!.GetValue<decimal>().Should().Be(32.5m);
        recorded["fullTime"]!.GetValue<bool>().Should().BeFalse();
        recorded["channel"]!.GetValue<string>().Should().Be("wsp");
        var row = $"tr[data-plaatsing='{id}']";
        await tab.Page.Locator(row).WaitForAsync();
        (await tab.CellsAsync(row))[..8].Should().Equal("Garantiebaan", "Bakkerij De Korenschoof (KvK 87654321)", "01-04-2026", "32,5", "nee",
            "Via het WSP", "2026", "loopt");
        const string described = "Garantiebaan bij Bakkerij De Korenschoof vanaf 01-04-2026";

        // Correct the hours.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Corrigeren: {described}" }).ClickAsync();
        (await tab.Page.GetByLabel("Uren per week").InputValueAsync()).Should().Be("32,5");
        await tab.Page.GetByLabel("Uren per week").FillAsync("24");
        await tab.Page.GetByLabel("Reden van de correctie").FillAsync("Uren verkeerd overgenomen uit het contract");
        await SubmitAsync(tab, "Correctie vastleggen");
        await tab.Page.GetByText("Plaatsing gecorrigeerd.").WaitForAsync();
        var corrected = await GetAsync(wsp, placementUrl);
        corrected["hoursPerWeek"]!.GetValue<decimal>().Should().Be(24m);
        corrected["startedOn"]!.GetValue<string>().Should().Be("2026-04-01", "what was not changed is not sent");
        corrected["correctionReasons"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("Uren verkeerd overgenomen uit het contract");
        await tab.Page.Locator($"{row} td:nth-child(4)", new() { HasTextString = "24" }).WaitForAsync();

        // End it.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Beëindigen: {described}" }).ClickAsync();
        await tab.Page.GetByLabel("Einddatum").FillAsync("2026-10-30");
        await tab.Page.GetByLabel("Reden van het einde").FillAsync("Contract niet verlengd");
        await SubmitAsync(tab, "Einde vastleggen");
        await tab.Page.GetByText("Plaatsing beëindigd.").WaitForAsync();
        var ended = await GetAsync(wsp, placementUrl);
        ended["endedOn"]!.GetValue<string>().Should().Be("2026-10-30");
        ended["endReason"]!.GetValue<string>().Should().Be("Contract niet verlengd");
        await tab.Page.Locator(row, new() { HasTextString = "beëindigd op 30-10-2026: Contract niet verlengd" }).WaitForAsync();

        // Correct its end.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Einde corrigeren: {described}" }).ClickAsync();
        (await tab.Page.GetByLabel("Juiste einddatum").InputValueAsync()).Should().Be("2026-10-30");
        await tab.Page.GetByLabel("Juiste einddatum").FillAsync("2026-11-13");
        await tab.Page.GetByLabel("Reden van de correctie").FillAsync("Laatste werkdag was later");
        await SubmitAsync(tab, "Correctie van het einde vastleggen");
        await tab.Page.GetByText("Einde van de plaatsing gecorrigeerd.").WaitForAsync();
        (await GetAsync(wsp, placementUrl))["endedOn"]!.GetValue<string>().Should().Be("2026-11-13");
        await tab.Page.Locator(row, new() { HasTextString = "beëindigd op 13-11-2026" }).WaitForAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-kandidaat");

        // Withdraw it.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = $"Intrekken: {described}" }).ClickAsync();
        await tab.Page.GetByLabel("Reden van intrekken").FillAsync("Per vergissing bij deze kandidaat geregistreerd");
        await SubmitAsync(tab, "Plaatsing intrekken");
        await tab.Page.GetByText("Plaatsing ingetrokken.").WaitForAsync();
        var withdrawn = await GetAsync(wsp, placementUrl);
        withdrawn["withdrawalReason"]!.GetValue<string>().Should().Be("Per vergissing bij deze kandidaat geregistreerd");
        withdrawn["countsInYear"].Should().BeNull("a withdrawn placement counts nowhere");
        await tab.Page.Locator(row, new() { HasTextString = "ingetrokken: Per vergissing bij deze kandidaat geregistreerd" }).WaitForAsync();
        (await tab.CellsAsync(row))[6].Should().Be("–");
        (await tab.Page.Locator($"{row} button").CountAsync()).Should().Be(0, "a withdrawn placement has nothing left to do");

        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await PageFitsAsync(tab)).Should().BeTrue();
        (await tab.Page.Locator("main .sroi-scroll[aria-label='Plaatsingen']").EvaluateAsync<bool>("box => box.scrollWidth > box.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-kandidaat-telefoon");
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_look_up_refuses_a_bsn_opens_a_candidate_and_a_change_on_a_stale_page_is_refused_in_dutch()
    {
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = await RegisterAsync(wsp);
        var unknown = FreshNumber();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", "/dashboard/kandidaten");
        (await tab.TextAsync("main h1")).Should().Be("Kandidaten");
        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Kandidaten", Exact = true }).GetAttributeAsync("aria-current")).Should().Be("page");
        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Kandidaat registreren" }).GetAttributeAsync("href")).Should().Be("/dashboard/kandidaten/nieuw");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-kandidaat-opzoeken");

        await tab.Page.GetByLabel("Kandidaatnummer").FillAsync("0" + BsnLike);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Openen" }).ClickAsync();
        (await tab.TextAsync("#kandidaatnummer-fout")).Should().StartWith("Dit nummer lijkt op een BSN");
        tab.Page.Url.Should().EndWith("/dashboard/kandidaten");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(1280, 900);

        await tab.Page.GetByLabel("Kandidaatnummer").FillAsync(unknown);
        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Openen" }), $"**/dashboard/kandidaten/{unknown}");
        await tab.Page.Locator("main [role=alert]", new() { HasTextString = $"Er is geen kandidaat {unknown} in Rijswijk." }).WaitForAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // Someone else changes the candidate after the page read it: the page's change is a 412, said in Dutch.
        await tab.GoAsync($"/dashboard/kandidaten/{number}");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Trede wijzigen" }).ClickAsync();
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes",
            new JsonObject { ["trede"] = 3, ["effectiveOn"] = "2026-02-02", ["reason"] = "Elders vastgelegd" })).ShouldBeAsync(HttpStatusCode.OK);
        await tab.Page.GetByLabel("Nieuwe trede").SelectOptionAsync("5");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2026-03-02");
        await tab.Page.GetByLabel("Reden", new() { Exact = true }).FillAsync("Herbeoordeling");
        await SubmitAsync(tab, "Trede vastleggen");
        await tab.Page.Locator(".sroi-error-summary", new() { HasTextString = "Iemand anders heeft dit intussen gewijzigd" }).WaitForAsync();
        var candidate = await GetAsync(wsp, $"/api/v1/candidates/{number}");
        candidate["trede"]!.GetValue<int>().Should().Be(3, "the stale change wrote nothing");
        candidate["treden"]!.AsArray().Should().HaveCount(2);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }

    /// <summary>"K-" and eight digits: eight digits never pass the elfproef, so it is never a BSN.</summary>
    private static string FreshNumber() => $"K-{Random.Shared.Next(10_000_000, 100_000_000)}";

    /// <summary>A candidate registered through the API: on trede 2 since 05-01-2026, with a municipal benefit.</summary>
    private static async Task<string> RegisterAsync(HttpClient wsp)
    {
        var number = FreshNumber();
        await (await wsp.PostJsonAsync("/api/v1/candidates", new JsonObject
        {
            ["candidateNumber"] = number, ["municipality"] = SeededLedger.Municipality, ["registeredOn"] = "2026-01-05", ["trede"] = 2,
            ["targetGroup"] = "participatiewet", ["benefitSince"] = "2025-06-01",
        })).ShouldBeAsync(HttpStatusCode.Created);
        return number;
    }

    private static async Task<JsonNode> GetAsync(HttpClient by, string url) => await (await by.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static Task SubmitAsync(DashboardTab tab, string button) =>
        tab.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    private static Task<bool> PageFitsAsync(DashboardTab tab) =>
        tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
}
