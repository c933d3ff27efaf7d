using System.Net;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// Issue 21: a regional coordinator (the development provider's account <c>regiocoordinator</c>, region Haaglanden) starts
/// on its region's SROI placements of this year, member by member as the API answers them, and is offered no contract pages.
/// </summary>
[Collection(DashboardCollection.Name)]
public class RegionPageTests(DashboardSite site)
{
    [Fact]
    public async Task A_regional_coordinator_starts_on_its_regions_sroi_placements_and_is_offered_no_contracts()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("regiocoordinator");
        await tab.Page.Locator("#regio-tabel-haaglanden").WaitForAsync();
        (await tab.Page.TitleAsync()).Should().Be("Regio — SROI-dashboard");
        var heading = await tab.TextAsync("main h1");
        heading.Should().StartWith("SROI-plaatsingen in de regio, ");
        var year = heading[^4..];

        var report = await (await site.Admin().GetAsync($"/api/v1/reports/regions/haaglanden/sroi-placements?year={year}")).ShouldBeAsync(HttpStatusCode.OK);
        var members = report["members"]!.AsArray();
        members.Should().HaveCount(9);
        foreach (var member in members)
            (await tab.CellsAsync($"#regio-tabel-haaglanden tr[data-gemeente='{member!["municipality"]!.GetValue<string>()}']"))[..4].Should().Equal(
                member["name"]!.GetValue<string>(), member["count"]!.ToString(), member["regional"]!.ToString(), member["local"]!.ToString());
        (await tab.CellsAsync("#regio-tabel-haaglanden tr[data-gemeente='totaal']"))[..4].Should().Equal(
            "Totaal regio", report["count"]!.ToString(), report["regional"]!.ToString(), report["local"]!.ToString());
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "CSV downloaden: SROI-plaatsingen Arbeidsmarktregio Haaglanden" }).CountAsync()).Should().Be(1);

        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Contracten", Exact = true }).CountAsync()).Should().Be(0);
        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Werklijst", Exact = true }).CountAsync()).Should().Be(0);
        tab.Errors.Should().BeEmpty();
    }
}
