using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The WSP's worklist (web/, /dashboard/werklijst), signed in through the identity provider as the WSP: the rows are
/// GET /api/v1/worklist's items in its order, page by page and kind by kind (both in the URL), each naming the contract
/// and its municipality by name and linking to the contract's page; a report is accepted or rejected from the list, which
/// GET …/fulfilments then says, and the reviewed report leaves the list. axe finds nothing at desktop and phone width.
/// </summary>
[Collection(DashboardCollection.Name)]
public class WorklistPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_wsp_sees_the_apis_worklist_in_its_order_each_contract_named_and_linked_at_desktop_and_phone_width()
    {
        // Rijswijk's seeded ledger, read only: its contracts behind, overdue and due for settlement, and its pending reports.
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", "/dashboard/werklijst");

        var expected = (await site.Ledger.GetAsync("/api/v1/worklist?pageSize=20", wsp))["items"]!.AsArray();
        expected.Select(i => i!["kind"]!.GetValue<string>()).Should().Contain(["behind", "report-pending-review"]);
        (await RowsAsync(tab)).Should().Equal(Keys(expected));
        (await tab.TextAsync("main h1")).Should().Be("Werklijst");
        (await tab.Page.TitleAsync()).Should().Be("Werklijst — SROI-dashboard");
        (await tab.TextAsync("main caption")).Should().Be($"Werk 1–{expected.Count} van {expected.Count}");

        var rijswijk = (await site.Ledger.GetAsync("/api/v1/municipalities", wsp)).AsArray()
            .Single(m => m!["code"]!.GetValue<string>() == SeededLedger.Municipality)!["name"]!.GetValue<string>();
        rijswijk.Should().Be("Rijswijk");
        var pending = expected.First(i => i!["fulfilmentId"] is not null && i["contractId"]!.GetValue<string>() == site.Ledger.FarBehind.Id)!;
        var cells = await tab.CellsAsync($"tr[data-fulfilment='{pending["fulfilmentId"]}']");
        cells[..2].Should().Equal("Rapportage beoordelen", Dutch.Date(pending["dueSince"]!.GetValue<string>()));
        cells[2].Should().StartWith(pending["reference"]!.GetValue<string>()).And.EndWith(pending["title"]!.GetValue<string>());
        cells[3].Should().Be($"{pending["contractor"]!["name"]!.GetValue<string>()} (KvK {SeededLedger.ContractorKvk})");
        cells[4..6].Should().Equal(rijswijk, Dutch.Date(pending["endsOn"]!.GetValue<string>()));
        cells[6].Should().StartWith(Dutch.Euro(pending.Decimal("remaining"))).And.EndWith($"van {Dutch.Euro(pending.Decimal("obligation"))}");
        cells[7].Should().Be($"opleiding, {Dutch.Euro(pending.Decimal("reportedValue"))}");
        var row = tab.Page.Locator($"tr[data-fulfilment='{pending["fulfilmentId"]}']");
        (await row.GetByRole(AriaRole.Button, new() { Name = "Accepteren", Exact = false }).CountAsync()).Should().Be(1);
        (await row.GetByRole(AriaRole.Button, new() { Name = "Afwijzen", Exact = false }).CountAsync()).Should().Be(1);
        foreach (var item in expected)
        {
            var id = item!["contractId"]!.GetValue<string>();
            (await tab.Page.Locator($"tr[data-contract='{id}'] a", new() { HasTextString = item["reference"]!.GetValue<string>() }).First
                .GetAttributeAsync("href")).Should().Be($"/dashboard/contracten/{id}");
        }
        foreach (var due in expected.Where(i => i!["kind"]!.GetValue<string>() == "settlement-due"))
            (await tab.Page.Locator($"tr[data-kind='settlement-due'][data-contract='{due!["contractId"]}'] a", new() { HasTextString = "Afrekening vastleggen" })
                .GetAttributeAsync("href")).Should().Be($"/dashboard/contracten/{due["contractId"]}/afrekening");

        // The menu leads here, and says so.
        var menu = tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        var items = (await menu.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(DashboardTab.Text).ToList();
        items.Take(5).Should().Equal("Overzicht", "Werklijst", "Contracten", "Plaatsingen", "Kandidaten");
        items.Should().HaveCount(6);
        items[5].Should().StartWith("Meldingen");
        (await menu.GetByRole(AriaRole.Link, new() { Name = "Werklijst" }).GetAttributeAsync("aria-current")).Should().Be("page");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-werklijst");

        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        (await tab.Page.Locator("main .sroi-scroll").EvaluateAsync<bool>("box => box.scrollWidth > box.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-werklijst-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        // One kind: the service's answer for it, in the URL; the back button brings the whole list back.
        await tab.Page.GetByLabel("Soort werk").SelectOptionAsync("report-pending-review");
        await tab.ArriveAsync("**/dashboard/werklijst?soort=beoordelen");
        var reports = (await site.Ledger.GetAsync("/api/v1/worklist?kind=report-pending-review", wsp))["items"]!.AsArray();
        reports.Should().NotBeEmpty();
        await CaptionAsync(tab, $"Werk 1–{reports.Count} van {reports.Count}");
        (await RowsAsync(tab)).Should().Equal(Keys(reports));
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.GetByLabel("Soort werk").SelectOptionAsync("overdue");
        await tab.ArriveAsync("**/dashboard/werklijst?soort=verlopen");
        var overdue = (await site.Ledger.GetAsync("/api/v1/worklist?kind=overdue", wsp))["items"]!.AsArray();
        if (overdue.Count == 0) await tab.Page.GetByText("Er is nu niets van deze soort te doen.").WaitForAsync();
        else await CaptionAsync(tab, $"Werk 1–{overdue.Count} van {overdue.Count}");
        await tab.Page.GoBackAsync();
        await CaptionAsync(tab, $"Werk 1–{reports.Count} van {reports.Count}");
        (await tab.Page.GetByLabel("Soort werk").InputValueAsync()).Should().Be("report-pending-review");
        await tab.Page.GoBackAsync();
        await CaptionAsync(tab, $"Werk 1–{expected.Count} van {expected.Count}");
        (await RowsAsync(tab)).Should().Equal(Keys(expected));

        tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task A_report_is_accepted_and_another_rejected_from_the_list_and_the_pages_are_the_apis_pages()
    {
        var wsp = await WspWork.WspAsync(site);
        var today = Today;
        var (contract, reference) = await WspWork.ContractAsync(site, today.PlusDays(-60), today.PlusDays(300));
        // More reports than one page holds, so the list has a second page whatever else the municipality has to do.
        var reports = new List<string>();
        for (var i = 0; i < 22; i++) reports.Add(await WspWork.ReportAsync(wsp, contract, 1_000m + i, today.PlusDays(-1)));

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", "/dashboard/werklijst?soort=beoordelen", DashboardSite.PublishedLabel);
        var firstPage = (await site.Ledger.GetAsync("/api/v1/worklist?kind=report-pending-review&page=1", wsp))["items"]!.AsArray();
        var total = (await site.Ledger.GetAsync("/api/v1/worklist?kind=report-pending-review", wsp))["total"]!.GetValue<long>();
        total.Should().BeGreaterThan(20);
        await CaptionAsync(tab, $"Werk 1–20 van {total}");
        (await RowsAsync(tab)).Should().Equal(Keys(firstPage));
        // A municipality the CBS table does not know is named by its code.
        (await tab.CellsAsync($"tr[data-fulfilment='{reports[0]}']"))[4].Should().Be(WspWork.Municipality);

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
        await tab.ArriveAsync("**/dashboard/werklijst?soort=beoordelen&pagina=2");
        await CaptionAsync(tab, $"Werk 21–{total} van {total}");
        (await RowsAsync(tab)).Should().Equal(Keys((await site.Ledger.GetAsync("/api/v1/worklist?kind=report-pending-review&page=2", wsp))["items"]!.AsArray()));
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Vorige pagina" }).ClickAsync();
        await CaptionAsync(tab, $"Werk 1–20 van {total}");

        // Accept the first of this contract's reports on the page.
        var accepted = reports.First(id => firstPage.Any(i => i!["fulfilmentId"]?.GetValue<string>() == id));
        var acceptedRow = tab.Page.Locator($"tr[data-fulfilment='{accepted}']");
        await acceptedRow.GetByRole(AriaRole.Button, new() { Name = "Accepteren" }).ClickAsync();
        await tab.Page.GetByText($"De rapportage bij {reference} is geaccepteerd.").WaitForAsync();
        await CaptionAsync(tab, $"Werk 1–20 van {total - 1}");
        (await acceptedRow.CountAsync()).Should().Be(0);
        (await ReportAsync(wsp, contract, accepted))["status"]!.GetValue<string>().Should().Be("accepted");

        // Reject another: without a reason the service's refusal is at the field; with one, the report is rejected.
        var rejected = reports.First(id => id != accepted && firstPage.Any(i => i!["fulfilmentId"]?.GetValue<string>() == id));
        var rejectedRow = tab.Page.Locator($"tr[data-fulfilment='{rejected}']");
        await rejectedRow.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync();
        await rejectedRow.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync();
        await rejectedRow.Locator(".utrecht-form-field-error-message").WaitForAsync();
        (await rejectedRow.Locator(".utrecht-form-field-error-message").InnerTextAsync()).Should().Be("Vul dit in.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-werklijst-afwijzen");
        (await ReportAsync(wsp, contract, rejected))["status"]!.GetValue<string>().Should().Be("pending");
        await rejectedRow.GetByLabel("Reden van afwijzing").FillAsync("Geen factuur van de opleider");
        await rejectedRow.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync();
        await tab.Page.GetByText($"De rapportage bij {reference} is afgewezen.").WaitForAsync();
        await CaptionAsync(tab, $"Werk 1–20 van {total - 2}");
        (await rejectedRow.CountAsync()).Should().Be(0);
        var after = await ReportAsync(wsp, contract, rejected);
        after["status"]!.GetValue<string>().Should().Be("rejected");
        after["rejectionReason"]!.GetValue<string>().Should().Be("Geen factuur van de opleider");
        (await RowsAsync(tab)).Should().Equal(Keys((await site.Ledger.GetAsync("/api/v1/worklist?kind=report-pending-review&page=1", wsp))["items"]!.AsArray()));

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty("the missing reason is named in the page; nothing was sent without it");
    }

    private static async Task<JsonNode> ReportAsync(HttpClient wsp, string contract, string id) =>
        (await (await wsp.GetAsync($"/api/v1/contracts/{contract}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Single(f => f!["id"]!.GetValue<string>() == id)!;

    private static string[] Keys(JsonArray items) =>
        [.. items.Select(i => $"{i!["kind"]!.GetValue<string>()} {i["contractId"]!.GetValue<string>()} {i["fulfilmentId"]?.GetValue<string>()}".TrimEnd())];

    private static async Task<string[]> RowsAsync(DashboardTab tab) =>
        [.. await tab.Page.Locator("main tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => `${r.dataset.kind} ${r.dataset.contract} ${r.dataset.fulfilment ?? ''}`.trimEnd())")];

    private static Task CaptionAsync(DashboardTab tab, string caption) =>
        tab.Page.Locator("main caption", new() { HasTextString = caption }).WaitForAsync();
}
