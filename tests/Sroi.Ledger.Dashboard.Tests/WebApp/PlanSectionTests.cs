using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Fulfilments;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The contract page's section "Plan van aanpak" (web/src/plan): the contractor (opdrachtnemer-23456789, on a Rijswijk
/// contract registered for its KvK number) submits a plan in the page; the WSP sends it back with a reason and approves
/// the next revision in the page; the plan in force then shows each line planned against realised, as GET …/plan says.
/// </summary>
[Collection(DashboardCollection.Name)]
public class PlanSectionTests(DashboardSite site)
{
    private const string Kvk = "23456789";

    [Fact]
    public async Task The_contractor_submits_a_plan_the_wsp_sends_it_back_and_approves_the_next_and_the_page_shows_planned_against_realised()
    {
        var contract = await FulfilmentBodies.ContractAsync(site, 200_000m, Iso(Today.PlusDays(-100)), Iso(Today.PlusDays(265)), Iso(Today.PlusDays(-130)), kvk: Kvk);
        var page = $"/dashboard/contracten/{contract.Id}";
        var from = Iso(Today.PlusDays(-100));
        var to = Iso(Today.PlusDays(-1));

        await using (var tab = await site.OpenAsync())
        {
            await tab.SignInAsync("opdrachtnemer-23456789", page);
            (await tab.TextAsync("#plan-geldend")).Should().Be("Er is nog geen goedgekeurd plan van aanpak.");
            await tab.Page.Locator("#planregel-0-soort").SelectOptionAsync("training");
            await tab.Page.Locator("#planregel-0-van").FillAsync(from);
            await tab.Page.Locator("#planregel-0-tot").FillAsync(to);
            await tab.Page.Locator("#planregel-0-aantal").FillAsync("2.500,5");
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Plan indienen" }).ClickAsync();
            await tab.Page.Locator("#plan-ingediend").WaitForAsync();
            (await tab.CellsAsync("#plan-ingediend tbody tr")).Should().Equal(
                "opleiding", "alle", $"{Dutch.Date(from)} t/m {Dutch.Date(to)}", "€ 2.500,50", "€ 0,00", "achter");
            (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
            tab.Errors.Should().BeEmpty();
        }
        var submitted = await (await contract.Wsp.GetAsync($"{contract.Url}/plan")).ShouldBeAsync(HttpStatusCode.OK);
        submitted["pending"]!["lines"]![0]!.Decimal("planned").Should().Be(2_500.50m, "the amount typed the Dutch way arrives exactly");

        await using (var tab = await site.OpenAsync())
        {
            await tab.SignInAsync("wsp", page);
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Terugsturen: plan versie 1" }).ClickAsync();
            await tab.Page.GetByLabel("Reden van terugsturen").FillAsync("Ook een BBL-plaats opnemen");
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Terugsturen: plan versie 1" }).ClickAsync();
            await tab.Page.Locator("#plan-ingediend").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            var returned = await (await contract.Wsp.GetAsync($"{contract.Url}/plan")).ShouldBeAsync(HttpStatusCode.OK);
            returned["revisions"]![0]!["status"]!.GetValue<string>().Should().Be("returned");
            returned["revisions"]![0]!["remark"]!.GetValue<string>().Should().Be("Ook een BBL-plaats opnemen");

            // The next revision, submitted through the API, and an accepted training of € 1.250 in its period.
            await (await contract.Contractor.PutJsonAsync($"{contract.Url}/plan", new JsonObject
            {
                ["lines"] = new JsonArray(
                    new JsonObject { ["kind"] = "training", ["from"] = from, ["to"] = to, ["amount"] = 2_500 },
                    new JsonObject { ["kind"] = "bbl", ["from"] = from, ["to"] = Iso(Today.PlusDays(200)), ["amount"] = 1 }),
            })).ShouldBeAsync(HttpStatusCode.OK);
            var training = Training(1_250m);
            training["date"] = Iso(Today.PlusDays(-10));
            await contract.AcceptAsync(await contract.ReportAsync(training));
            await tab.GoAsync(page);
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren: plan versie 2" }).ClickAsync();
            await tab.Page.Locator("#plan-geldend tbody tr").First.WaitForAsync();
            (await tab.CellsAsync("#plan-geldend tbody tr:nth-child(1)")).Should().Equal(
                "opleiding", "alle", $"{Dutch.Date(from)} t/m {Dutch.Date(to)}", "€ 2.500,00", "€ 1.250,00", "achter");
            (await tab.CellsAsync("#plan-geldend tbody tr:nth-child(2)")).Should().Equal(
                "BBL-traject", "alle", $"{Dutch.Date(from)} t/m {Dutch.Date(Iso(Today.PlusDays(200)))}", "1 persoon", "0 personen", "loopt");
            (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
            await tab.ScreenshotAsync("web-plan-van-aanpak");
            tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        }
        var approved = await (await contract.Wsp.GetAsync($"{contract.Url}/plan")).ShouldBeAsync(HttpStatusCode.OK);
        approved["inForce"]!["revision"]!.GetValue<int>().Should().Be(2);
    }
}
