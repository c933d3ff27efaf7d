using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The web app's overview at /dashboard (web/src/overview), signed in through the identity provider as each role: the
/// figures are what the contracts' own balances add up to (GET …/balance per contract, read here) and what
/// GET /reports/sroi-obligations answers — the one read the page makes besides the municipality names.
/// </summary>
[Collection(DashboardCollection.Name)]
public class OverviewTests(DashboardSite site)
{
    private static readonly (string Status, string Label)[] Statuses =
    [
        ("on-track", "op schema"), ("behind", "achter"), ("fulfilled", "vervuld"), ("overdue", "verlopen"),
        ("settled", "afgerekend"), ("not-applicable", "niet van toepassing"),
    ];

    [Fact]
    public async Task Procurement_sees_its_municipalitys_figures_by_status_and_award_year_and_the_contracts_behind_in_two_reads()
    {
        var ledger = site.Ledger;
        await using var tab = await site.OpenAsync();
        var asked = new List<string>();
        tab.Page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (path.StartsWith("/api/v1/", StringComparison.Ordinal)) asked.Add(path);
        };
        await tab.SignInAsync("inkoop");

        var contracts = (await ledger.GetAsync("/api/v1/contracts?pageSize=100"))["items"]!.AsArray().Select(c => c!).ToList();
        var balances = await Task.WhenAll(contracts.Select(c => ledger.GetAsync($"/api/v1/contracts/{c["id"]}/balance")));
        var rows = contracts.Zip(balances, (contract, balance) => (Contract: contract, Balance: balance)).ToList();
        // At least the seeded ledger's 7; other test classes in this collection may have added Rijswijk contracts before
        // this one runs, so the page is held to the API's answer now.
        rows.Should().HaveCountGreaterThanOrEqualTo(7);

        (await tab.TextAsync("main h1")).Should().Be("Overzicht Rijswijk");
        (await tab.Page.TitleAsync()).Should().Be("Overzicht — SROI-dashboard");
        foreach (var (status, label) in Statuses)
        {
            var of = rows.Where(r => r.Balance["status"]!.GetValue<string>() == status).ToList();
            of.Should().NotBeEmpty($"the ledger has a contract that is {status}");
            (await tab.CellsAsync($"#per-status tr[data-status='{status}']")).Should().Equal(
                label, Dutch.Count(of.Count), Sum(of, "obligation"), Sum(of, "accepted"), Sum(of, "pending"));
        }
        (await tab.CellsAsync("#per-status tr[data-status='totaal']")).Should().Equal(
            "Totaal", Dutch.Count(rows.Count), Sum(rows, "obligation"), Sum(rows, "accepted"), Sum(rows, "pending"));

        foreach (var year in rows.GroupBy(r => r.Contract["awardedOn"]!.GetValue<string>()[..4]))
        {
            var obligation = year.Sum(r => r.Balance.Decimal("obligation"));
            var accepted = year.Sum(r => r.Balance.Decimal("accepted"));
            var met = year.Sum(r => Math.Min(r.Balance.Decimal("accepted"), r.Balance.Decimal("obligation")));
            var shortfall = year.Sum(r => r.Balance.Decimal("remaining"));
            (await tab.CellsAsync($"#per-jaar tr[data-jaar='{year.Key}']")).Should().Equal(year.Key, Dutch.Count(year.Count()),
                Dutch.Euro(obligation), Dutch.Euro(accepted), Dutch.Euro(met), Dutch.Euro(shortfall),
                Dutch.Percent(decimal.Round(met * 100 / obligation, 1, MidpointRounding.AwayFromZero)));
        }
        (await tab.Page.Locator("#per-jaar tbody tr").CountAsync()).Should().Be(2);
        (await tab.TextAsync("#uitleg-jaar")).Should().Contain("maakt de achterstand van een ander dus niet goed");

        var behind = await tab.Page.Locator("#achter tbody a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        // The seeded two in their order (other test classes may have added Rijswijk contracts that are behind too).
        behind.Where(href => href == $"/dashboard/contracten/{ledger.FarBehind.Id}" || href == $"/dashboard/contracten/{ledger.Behind.Id}")
            .Should().Equal($"/dashboard/contracten/{ledger.FarBehind.Id}", $"/dashboard/contracten/{ledger.Behind.Id}");
        var farBehind = await tab.CellsAsync($"#achter tr[data-contract='{ledger.FarBehind.Id}']");
        farBehind[2..5].Should().Equal("€ 20.000,00", "€ 1.000,00", "5,0%");
        farBehind[5].Should().Be("27,3%"); // 100 of the term's 366 days

        var chart = tab.Page.Locator("main svg[role=img]");
        (await chart.CountAsync()).Should().Be(1);
        (await chart.GetAttributeAsync("aria-label")).Should().StartWith("Staafdiagram: SROI-verplichting en ingevuld deel per gunningsjaar");
        (await chart.Locator("rect").CountAsync()).Should().Be(4, "two bars for each of the two award years");

        // One read of the figures and one of the names, not one per contract.
        asked.Should().BeEquivalentTo("/api/v1/reports/sroi-obligations", "/api/v1/municipalities");

        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-overzicht");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        (await tab.Page.Locator("#achter").EvaluateAsync<bool>("table => table.parentElement.scrollWidth > table.parentElement.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-overzicht-telefoon");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_sees_which_municipalities_are_summed_by_name_and_the_chosen_one_stays_on_every_link()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin");

        var all = await (await site.Admin().GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        var names = (await (await site.Admin().GetAsync("/api/v1/municipalities")).ShouldBeAsync(HttpStatusCode.OK)).AsArray()
            .ToDictionary(m => m!["code"]!.GetValue<string>(), m => m!["name"]!.GetValue<string>());
        var summed = all["municipalities"]!.AsArray().Select(m => m!.GetValue<string>()).Select(code => names.GetValueOrDefault(code, code)).ToList();
        summed.Should().Contain("Rijswijk");
        var said = summed.Count == 1 ? summed[0] : string.Join(", ", summed.SkipLast(1)) + " en " + summed[^1];
        (await tab.TextAsync("main h1")).Should().Be(summed.Count <= 3 ? $"Overzicht alle gemeenten: {said}" : $"Overzicht alle gemeenten ({summed.Count})");
        (await tab.TextAsync("#opgeteld")).Should().Be($"Opgeteld: de contracten van {said}.");
        (await tab.CellsAsync("#per-status tr[data-status='totaal']")).Should().Equal("Totaal",
            Dutch.Count(all["total"]!["contracts"]!.GetValue<long>()), Dutch.Euro(all["total"]!.Decimal("obligation")),
            Dutch.Euro(all["total"]!.Decimal("accepted")), Dutch.Euro(all["total"]!.Decimal("pending")));
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-overzicht-beheerder");

        // Chosen by name; kept in the URL, the menu and the contract links.
        await tab.Page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync(SeededLedger.Municipality);
        await tab.ArriveAsync($"**/dashboard?gemeente={SeededLedger.Municipality}");
        await tab.Page.Locator("main h1", new() { HasTextString = "Overzicht Rijswijk" }).WaitForAsync();
        // Rijswijk's count as the API gives it now (other test classes may have added contracts to the seeded ledger).
        var rijswijk = Dutch.Count((await site.Ledger.GetAsync("/api/v1/contracts?pageSize=1"))["total"]!.GetValue<int>());
        await tab.Page.WaitForFunctionAsync(
            "count => document.querySelector(\"#per-status tr[data-status='totaal'] td\")?.textContent === count", rijswijk);
        (await tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link).EvaluateAllAsync<string[]>(
            "links => links.map(a => a.getAttribute('href'))")).Should().Contain(
            ["/dashboard?gemeente=GM0603", "/dashboard/contracten?gemeente=GM0603", "/dashboard/plaatsingen?gemeente=GM0603"]);
        (await tab.Page.Locator("#achter tbody a").First.GetAttributeAsync("href"))
            .Should().StartWith("/dashboard/contracten/").And.EndWith("?gemeente=GM0603");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Contracten", Exact = true }), "**/dashboard/contracten?gemeente=GM0603");
        (await tab.Page.GetByLabel("Gemeente (CBS-code)").InputValueAsync()).Should().Be(SeededLedger.Municipality);
        (await tab.Page.Locator($"tr[data-contract='{site.Ledger.Behind.Id}'] a").GetAttributeAsync("href"))
            .Should().Be($"/dashboard/contracten/{site.Ledger.Behind.Id}?gemeente=GM0603");

        await tab.Page.GoBackAsync();
        await tab.Page.Locator("main h1", new() { HasTextString = "Overzicht Rijswijk" }).WaitForAsync();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task A_contractor_sees_its_own_contracts_only_and_no_placement_figures()
    {
        var own = site.Ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("opdrachtnemer-12345678");

        // The Rijswijk provider signs its people in for GM0603 (SROI_OIDC_MUNICIPALITY__0), the contractor too.
        (await tab.TextAsync("main h1")).Should().Be("Overzicht Rijswijk");
        (await tab.CellsAsync("#per-status tr[data-status='totaal']")).Should().Equal("Totaal", "1", "€ 20.000,00", "€ 1.000,00", "€ 500,00");
        (await tab.CellsAsync("#per-status tr[data-status='behind']"))[1].Should().Be("1");
        var links = await tab.Page.Locator("main a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        links.Should().Equal($"/dashboard/contracten/{own.Id}");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.GoAsync("/dashboard/plaatsingen");
        (await tab.TextAsync("main [role=alert]")).Should().StartWith("U mag deze gegevens niet inzien met uw rol");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty("the page does not ask for what the role may not read");
    }

    [Fact]
    public async Task The_wsp_starts_on_the_worklist()
    {
        await using var tab = await site.OpenAsync();
        var asked = new List<string>();
        tab.Page.Request += (_, request) => asked.Add(new Uri(request.Url).AbsolutePath);
        await tab.SignInAsync("wsp");

        await tab.ArriveAsync("**/dashboard/werklijst");
        asked.Should().NotContain("/api/v1/reports/sroi-obligations");
        tab.Errors.Should().BeEmpty();
    }

    /// <summary>
    /// The development provider has no account without a role, so the session's answer is changed in the browser after a
    /// real sign-in: the service itself refuses every read of a person without a role (403), which the API tests prove.
    /// </summary>
    [Fact]
    public async Task A_person_without_a_role_is_told_who_they_are_and_whom_to_ask_and_sees_no_figures()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", "/dashboard/contracten");
        await tab.Page.RouteAsync("**/dashboard/sessie", async route =>
        {
            var response = await route.FetchAsync();
            var session = JsonNode.Parse(await response.TextAsync())!;
            session["role"] = null;
            await route.FulfillAsync(new() { Response = response, Body = session.ToJsonString() });
        });
        var asked = new List<string>();
        tab.Page.Request += (_, request) => asked.Add(new Uri(request.Url).AbsolutePath);

        await tab.GoAsync("/dashboard");

        (await tab.TextAsync("main h1")).Should().Be("Nog geen rol");
        (await tab.TextAsync("#geen-rol")).Should().Be("U bent ingelogd als M. de Vries, maar u heeft nog geen rol in het SROI-dashboard.");
        (await tab.TextAsync("main")).Should().Contain("Vraag de beheerder van het SROI-dashboard in uw organisatie");
        (await tab.TextAsync("header")).Should().Contain("M. de Vries (geen rol)");
        asked.Should().NotContain(path => path.StartsWith("/api/v1/", StringComparison.Ordinal));
        (await tab.Page.Locator("main table").CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_api_out_of_reach_is_said_in_dutch_with_a_retry()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", "/dashboard/contracten");
        await tab.Page.RouteAsync("**/api/v1/reports/sroi-obligations**", route => route.AbortAsync("connectionrefused"));

        await tab.GoAsync("/dashboard");
        (await tab.TextAsync("main [role=alert]")).Should().Contain("De gegevens zijn niet bereikbaar").And.NotContain("Failed to fetch");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.UnrouteAllAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen" }).ClickAsync();
        await tab.Page.Locator("#per-status").WaitForAsync();
        var total = (await site.Ledger.GetAsync("/api/v1/contracts?pageSize=1"))["total"]!.GetValue<int>();
        (await tab.CellsAsync("#per-status tr[data-status='totaal']"))[1].Should().Be(Dutch.Count(total));
    }

    private static string Sum(IEnumerable<(JsonNode Contract, JsonNode Balance)> rows, string field) =>
        Dutch.Euro(rows.Sum(r => r.Balance.Decimal(field)));
}
