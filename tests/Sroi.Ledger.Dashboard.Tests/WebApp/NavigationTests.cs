using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// Navigation and the state in the address: an unknown page is a Dutch "Pagina niet gevonden" with status 404 (the API
/// keeps its problem+json), what the address asks that a page cannot do is named in a notice rather than silently left
/// out, a date out of the service's bounds is said at its control in Dutch, and a count is worded in the right number.
/// This class writes nothing: it reads the shared seed (through the API too, so other classes' additions do not matter).
/// </summary>
[Collection(DashboardCollection.Name)]
public class NavigationTests(DashboardSite site)
{
    private const string Unknown = "GM9999";

    [Theory]
    [InlineData("/dashboard/nope")]
    [InlineData("/dashboard/contracten/abc")]
    [InlineData("/dashboard/contracten/6f1c1a52-8d7e-4a8e-9d51-3f0e7c1b2a90/nope")]
    public async Task An_unknown_page_is_the_apps_page_with_404_under_the_pages_headers(string path)
    {
        var page = await site.Client().GetAsync(path);
        var known = await site.Client().GetAsync("/dashboard/contracten");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Be(known.Headers.GetValues("Content-Security-Policy").Single());
        page.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        page.Headers.CacheControl!.ToString().Should().Be("no-cache");
        (await page.Content.ReadAsStringAsync()).Should().Be(await known.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_and_missing_files_keep_their_plain_404s_and_the_bundles_are_still_served()
    {
        var api = await site.Client().GetAsync("/api/v1/nope");
        api.StatusCode.Should().Be(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        foreach (var file in new[] { "/dashboard/app/nope.js", "/dashboard/assets/nope.css" })
        {
            var missing = await site.Client().GetAsync(file);
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound, file);
            // A missing bundle file is a plain 404 (with or without a type), never the app's HTML page.
            (missing.Content.Headers.ContentType is { MediaType: "text/html" }).Should().BeFalse(file);
        }
        (await site.Client().GetAsync("/dashboard/assets/dashboard.css")).StatusCode.Should().Be(HttpStatusCode.OK);
        // A POST to an unknown page is no page.
        (await site.Client().PostAsync("/dashboard/nope", new StringContent(""))).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signed_in_person_sees_pagina_niet_gevonden_in_dutch_for_an_unknown_path_and_a_contract_path_that_is_no_guid()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", "/dashboard/nope");

        (await tab.TextAsync("main h1")).Should().Be("Pagina niet gevonden");
        (await tab.Page.TitleAsync()).Should().Be("Pagina niet gevonden — SROI-dashboard");
        (await tab.Page.Locator("main a").GetAttributeAsync("href")).Should().Be("/dashboard");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-niet-gevonden");

        await tab.GoAsync("/dashboard/contracten/abc");
        (await tab.TextAsync("main h1")).Should().Be("Pagina niet gevonden");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        // The sign-in opens the unknown page twice (before and after the provider): only the pages' own 404s, no API call.
        tab.Refused.Should().OnlyContain(r => r == "404 /dashboard/nope" || r == "404 /dashboard/contracten/abc").And.Contain("404 /dashboard/contracten/abc");
    }

    [Theory]
    [InlineData("1800-01-01", "De datum in het adres (bekendOp=1800-01-01) is buiten de grenzen: kies een datum van 01-01-1900 tot en met 31-12-2999.")]
    [InlineData("3000-01-01", "De datum in het adres (bekendOp=3000-01-01) is buiten de grenzen: kies een datum van 01-01-1900 tot en met 31-12-2999.")]
    [InlineData("gisteren", "De datum in het adres (bekendOp=gisteren) is geen datum (kies een datum van 01-01-1900 tot en met 31-12-2999).")]
    public async Task A_known_on_date_out_of_bounds_is_said_in_dutch_at_the_date_control_and_the_contract_is_shown_as_it_is_now(string day, string said)
    {
        var contract = site.Ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", $"/dashboard/contracten/{contract.Id}");
        await tab.GoAsync($"/dashboard/contracten/{contract.Id}?bekendOp={day}");

        var error = await tab.TextAsync(".sroi-known-on .utrecht-form-field-error-message");
        error.Should().Be($"{said} De pagina toont het contract zoals het nu is.");
        (await tab.TextAsync("main")).Should().NotContain("asKnownOn").And.NotContain("Het verzoek is niet geldig");
        var reference = (await site.Ledger.GetAsync($"/api/v1/contracts/{contract.Id}"))["reference"]!.GetValue<string>();
        await tab.Page.Locator("main h1", new() { HasTextString = reference }).WaitForAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty("a date the service refuses is not asked for");
    }

    [Fact]
    public async Task The_auditors_history_says_an_out_of_bounds_date_in_dutch_too()
    {
        var contract = site.Ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", $"/dashboard/contracten/{contract.Id}/geschiedenis");
        await tab.GoAsync($"/dashboard/contracten/{contract.Id}/geschiedenis?bekendOp=1800-01-01");

        (await tab.TextAsync(".sroi-known-on .utrecht-form-field-error-message"))
            .Should().Be("De datum in het adres (bekendOp=1800-01-01) is buiten de grenzen: kies een datum van 01-01-1900 tot en met 31-12-2999.");
        (await tab.TextAsync("main")).Should().NotContain("asKnownOn");
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task The_contract_list_names_every_parameter_it_ignores_and_shows_the_first_page()
    {
        var expected = (await site.Ledger.GetAsync("/api/v1/contracts?pageSize=20"))["items"]!.AsArray();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", "/dashboard/contracten");
        await tab.GoAsync("/dashboard/contracten?pagina=-1&sorteer=x&status=x&jaar=abc");

        var notice = tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "genegeerd" });
        await notice.WaitForAsync();
        (await notice.Locator("li").AllInnerTextsAsync()).Select(DashboardTab.Text).Should().Equal(
            "status=x: geen status van deze lijst.",
            "jaar=abc: geen gunningsjaar van 2000 tot en met 2100.",
            "pagina=-1: geen paginanummer van 1 tot en met 100.000.",
            "sorteer=x: deze pagina kent die niet.");
        (await tab.TextAsync("main caption")).Should().Be($"Contracten 1–{expected.Count} van {expected.Count}");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-adres-genegeerd");

        // Past the last page: said with the number of pages, worded in the right number.
        var total = (await site.Ledger.GetAsync("/api/v1/contracts?pageSize=1"))["total"]!.GetValue<int>();
        var pages = Math.Max(1, (total + 19) / 20);
        await tab.GoAsync("/dashboard/contracten?pagina=999");
        await notice.Locator("li", new() { HasTextString = "pagina=999:" }).WaitForAsync();
        (await notice.Locator("li").AllInnerTextsAsync()).Select(DashboardTab.Text).Should().Equal(
            $"pagina=999: deze lijst heeft {pages} {(pages == 1 ? "pagina" : "pagina's")}.");
        await tab.GoAsync("/dashboard/contracten?pagina=999999");
        await notice.Locator("li", new() { HasTextString = "pagina=999999:" }).WaitForAsync();
        (await notice.Locator("li").AllInnerTextsAsync()).Select(DashboardTab.Text).Should().Equal(
            "pagina=999999: geen paginanummer van 1 tot en met 100.000.");

        // Nothing to say: no notice.
        await tab.GoAsync("/dashboard/contracten");
        (await notice.CountAsync()).Should().Be(0);
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task The_placements_page_names_a_year_it_cannot_read()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", "/dashboard/plaatsingen", DashboardSite.PublishedLabel);
        await tab.GoAsync("/dashboard/plaatsingen?jaar=abc&peildatum=1800-01-01");

        var notice = tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "genegeerd" });
        await notice.WaitForAsync();
        (await notice.Locator("li").AllInnerTextsAsync()).Select(DashboardTab.Text).Should().Equal(
            "jaar=abc: geen jaar van 2000 tot en met 2100.",
            "peildatum=1800-01-01: buiten de grenzen: kies een datum van 01-01-1900 tot en met 31-12-2999.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrators_unknown_municipality_is_said_instead_of_zeros()
    {
        var asked = await (await site.Admin().GetAsync($"/api/v1/reports/sroi-obligations?municipality={Unknown}")).ShouldBeAsync(HttpStatusCode.NotFound);
        asked["field"]!.GetValue<string>().Should().Be("municipality", "the API says it does not know the municipality; the page must say so, not show zeros");

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", $"/dashboard");
        await tab.GoAsync($"/dashboard?gemeente={Unknown}");
        await tab.Page.Locator("main [role=alert]").WaitForAsync();

        (await tab.TextAsync("main [role=alert]")).Should().Be($"Gemeente {Unknown} is onbekend. Kies een gemeente uit de lijst.");
        (await tab.Page.Locator("#per-status").CountAsync()).Should().Be(0);
        (await tab.TextAsync("main h1")).Should().Be("Overzicht");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // A known one still shows its figures.
        await tab.GoAsync($"/dashboard?gemeente={SeededLedger.Municipality}");
        await tab.Page.Locator("#per-status").WaitForAsync();
        (await tab.Page.Locator("main [role=alert]").CountAsync()).Should().Be(0);
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_overview_words_its_count_in_the_right_number()
    {
        var contracts = (await (await site.Admin().GetAsync($"/api/v1/reports/sroi-obligations?municipality={SeededLedger.Municipality}"))
            .ShouldBeAsync(HttpStatusCode.OK))["total"]!["contracts"]!.GetValue<long>();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", $"/dashboard");
        await tab.GoAsync($"/dashboard?gemeente={SeededLedger.Municipality}");

        (await tab.TextAsync("main .utrecht-paragraph--lead")).Should().EndWith($": {Dutch.Count(contracts)} {(contracts == 1 ? "contract" : "contracten")}.");

        // A contractor's overview has its one contract: singular.
        await using var contractor = await site.OpenAsync();
        await contractor.SignInAsync("opdrachtnemer-12345678");
        (await contractor.TextAsync("main .utrecht-paragraph--lead")).Should().EndWith(": 1 contract.");
    }

    [Fact]
    public async Task The_candidate_list_names_what_it_ignores_and_a_wsp_keeps_its_own_municipality()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", "/dashboard/kandidaten");
        // N1, N3: read the shared way; another municipality is ignored with a notice, not asked for (no 403).
        await tab.GoAsync("/dashboard/kandidaten?trede=9&wet=x&gemeente=GM0518");
        var notice = tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "genegeerd" });
        await notice.WaitForAsync();
        (await notice.Locator("li").AllInnerTextsAsync()).Select(DashboardTab.Text).Should().Equal(
            "gemeente=GM0518: u ziet de kandidaten van uw eigen gemeente.",
            "trede=9: geen trede van 1 tot en met 6.",
            "wet=x: geen wet (participatiewet, ioaw of ioaz).");
        // The list's answer (rows, or the Dutch "none"), not the refusal the service would give another municipality.
        await tab.Page.Locator("main caption, main .sroi-empty").First.WaitForAsync();
        (await tab.TextAsync("main")).Should().NotContain("niet inzien").And.NotContain("Opnieuw proberen");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // N6: a very long number in the address wraps in the heading; the page does not scroll sideways.
        await tab.GoAsync($"/dashboard/kandidaten/{new string('A', 300)}");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task A_contractor_is_refused_the_worklist_and_the_candidates_up_front()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("opdrachtnemer-12345678");
        // N7: the pages say who may read them, without a form, filters or a request the service refuses.
        await tab.GoAsync("/dashboard/werklijst");
        (await tab.TextAsync("main h1 + p")).Should().Be("Alleen het werkgeversservicepunt (WSP) en beheerders hebben een werklijst.");
        await tab.GoAsync("/dashboard/kandidaten");
        (await tab.TextAsync("main h1 + p")).Should().Be("Alleen het werkgeversservicepunt (WSP), auditors en beheerders zien kandidaten.");
        (await tab.Page.Locator("main form").CountAsync()).Should().Be(0);
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen" }).CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty("the pages do not ask for what the role may not read");
    }

    [Fact]
    public async Task An_administrator_and_procurement_read_names_and_an_unknown_contract_has_no_retry()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", "/dashboard/werklijst");
        // N9: an unknown municipality on the worklist is said, as on the overview.
        await tab.GoAsync($"/dashboard/werklijst?gemeente={Unknown}");
        var notice = tab.Page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "genegeerd" });
        await notice.WaitForAsync();
        (await notice.Locator("li").AllInnerTextsAsync()).Select(DashboardTab.Text).Should().Equal($"gemeente={Unknown}: gemeente {Unknown} is onbekend.");
        await tab.GoAsync("/dashboard/kandidaten");
        (await tab.TextAsync("main .utrecht-paragraph--lead")).Should().StartWith("De kandidaten van de gekozen gemeente:");
        tab.Errors.Should().BeEmpty();

        await using var inkoop = await site.OpenAsync();
        await inkoop.SignInAsync("inkoop", "/dashboard/contracten");
        await inkoop.Page.GetByText("De contracten van Rijswijk.").WaitForAsync();
        var missing = Guid.NewGuid();
        await inkoop.GoAsync($"/dashboard/contracten/{missing}");
        (await inkoop.TextAsync("main [role=alert]")).Should().Be("Niet gevonden, of niet zichtbaar voor u.");
        (await inkoop.Page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen" }).CountAsync()).Should().Be(0);
        (await inkoop.AccessibilityViolationsAsync()).Should().BeEmpty();
        inkoop.Errors.Should().BeEmpty();
        inkoop.Refused.Should().NotBeEmpty().And.OnlyContain(r => r.StartsWith($"404 /api/v1/contracts/{missing}", StringComparison.Ordinal));
    }

    /// <summary>
    /// A contractor signed in without a municipality chooses among those where it has contracts. Both providers of the
    /// test site bind their people to a municipality, so the session the page reads is answered without one here (the
    /// API still answers for the contractor's real key): the page offers what the API lists, not the 342 of the table.
    /// </summary>
    [Fact]
    public async Task A_contractor_without_a_municipality_chooses_only_among_those_where_it_has_contracts()
    {
        await using var tab = await site.OpenAsync();
        await tab.Page.RouteAsync("**/dashboard/sessie", async route =>
        {
            var response = await route.FetchAsync();
            var body = await response.TextAsync();
            if (response.Status != 200)
            {
                await route.FulfillAsync(new() { Response = response });
                return;
            }
            var session = JsonNode.Parse(body)!.AsObject();
            session["municipality"] = null;
            await route.FulfillAsync(new() { Response = response, Body = session.ToJsonString() });
        });
        await tab.SignInAsync("opdrachtnemer-12345678");

        // What the API lists for this contractor's own session (its cookie), asked the way the page asks it.
        var codes = await tab.Page.EvaluateAsync<string[]>(
            "async () => (await (await fetch('/api/v1/reports/sroi-obligations', { headers: { Accept: 'application/json' } })).json()).municipalities");
        codes.Should().Contain(SeededLedger.Municipality);
        var options = await tab.Page.Locator("#gemeente-keuze option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        options.Should().HaveCount(codes.Length + 1).And.StartWith("").And.Contain(codes);
        (await tab.Page.Locator("#gemeente-keuze option").AllInnerTextsAsync()).Should().Contain("Rijswijk")
            .And.HaveCount(codes.Length + 1).And.Contain("Alle gemeenten waar u een contract heeft");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }
}
