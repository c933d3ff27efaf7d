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
        // The overview and the placements page are the web app's: WebApp/OverviewTests shows the contractor's there.
        await tab.SignInAsync("opdrachtnemer-12345678", $"/dashboard/contracten/{own.Id}");
        (await tab.TextAsync("#saldo [data-veld='accepted'] dd")).Should().Be("€ 1.000,00");
        // The history is for auditors, procurement and the WSP.
        (await tab.TextAsync("#kop-geschiedenis + [role=alert]")).Should().Be("U mag de geschiedenis van dit contract niet inzien.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.GoAsync($"/dashboard/contracten/{ledger.Behind.Id}");
        (await tab.TextAsync("main [role=alert]")).Should().Be("Niet gevonden, of u mag het niet inzien.");
        (await tab.Page.Locator("#saldo").CountAsync()).Should().Be(0);

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEquivalentTo(
            $"403 /api/v1/contracts/{own.Id}/history",
            $"404 /api/v1/contracts/{ledger.Behind.Id}", $"404 /api/v1/contracts/{ledger.Behind.Id}/balance", $"404 /api/v1/contracts/{ledger.Behind.Id}/fulfilments");
    }
}
