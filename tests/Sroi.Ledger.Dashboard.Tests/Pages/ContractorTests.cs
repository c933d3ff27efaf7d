using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>A contractor's key (opdrachtnemer) reads its own contracts only; the pages show nothing else.</summary>
[Collection(DashboardCollection.Name)]
public class ContractorTests(DashboardSite site)
{
    [Fact]
    public async Task A_contractor_sees_only_its_own_contracts()
    {
        var ledger = site.Ledger;
        var own = ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("opdrachtnemer-12345678");

        (await tab.CellsAsync("#per-status tr[data-status='totaal']")).Should().Equal("Totaal", "1", "€ 20.000,00", "€ 1.000,00", "€ 500,00");
        (await tab.CellsAsync("#per-status tr[data-status='behind']"))[1].Should().Be("1");
        var links = await tab.Page.Locator("main a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        links.Should().Equal($"/dashboard/contracten/{own.Id}");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // The contract page itself is the web app's now: WebApp/ContractPageTests checks what the contractor sees there.
        await tab.GoAsync("/dashboard/plaatsingen");
        (await tab.TextAsync("main [role=alert]")).Should().Be("U mag deze gegevens niet inzien.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEquivalentTo("403 /api/v1/reports/placements", "403 /api/v1/reports/trede-distribution");
    }
}
