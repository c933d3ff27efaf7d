using System.Net;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Audit;

/// <summary>
/// /dashboard/verificatie shows what GET /audit/verification answers for the signed-in person: the auditor its own
/// municipality, the administrator every one, each row a municipality by name with its streams, events, checkpoint and
/// discrepancies. Reads only: nothing of the shared seed changes.
/// </summary>
[Collection(DashboardCollection.Name)]
public class VerificationPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_auditor_sees_the_apis_verification_of_its_municipality_by_name_at_desktop_and_phone_width()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", "/dashboard/verificatie");
        await tab.Page.Locator("[data-resultaat]").WaitForAsync();
        var expected = await (await (await site.ClientAsync("auditor")).GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);

        (await tab.TextAsync("main h1")).Should().Be("Verificatie");
        (await tab.Page.Locator("[data-resultaat]").GetAttributeAsync("data-resultaat"))
            .Should().Be(expected["ok"]!.GetValue<bool>() ? "in-orde" : "niet-in-orde");
        (await tab.TextAsync("[data-resultaat]")).Should().Contain($"{expected["streams"]} stromen met {expected["events"]} gebeurtenissen");
        var own = expected["municipalities"]!.AsArray().Single()!;
        own["municipality"]!.GetValue<string>().Should().Be(SeededLedger.Municipality);
        var cells = await tab.CellsAsync($"tr[data-gemeente='{SeededLedger.Municipality}']");
        cells[0].Should().Be("Rijswijk");
        (cells[1], cells[2], cells[4]).Should().Be((own["streams"]!.ToString(), own["events"]!.ToString(), own["discrepancies"]!.ToString()));
        cells[5].Should().Be(own["ok"]!.GetValue<bool>() ? "in orde" : "niet in orde");
        (await tab.Page.Locator("[data-stroom]").CountAsync()).Should().Be(expected["discrepancies"]!.AsArray().Count);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-verificatie");

        await tab.PhoneAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.FitsAsync()).Should().BeTrue();
        await tab.ScreenshotAsync("web-verificatie-telefoon");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task The_administrator_sees_every_municipality_the_api_verified()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", "/dashboard/verificatie");
        await tab.Page.Locator("[data-resultaat]").WaitForAsync();
        var expected = await (await site.Admin().GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);

        var rows = await tab.Page.Locator("tr[data-gemeente]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.gemeente)");
        rows.Should().Equal(expected["municipalities"]!.AsArray().Select(m => m!["municipality"]!.GetValue<string>()));
        rows.Should().Contain(SeededLedger.Municipality).And.Contain(DashboardSite.PublishedMunicipality);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }
}
