using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>The published figures (docs/domain.md), recorded by the reports' acceptance test's history, on the page.</summary>
[Collection(DashboardCollection.Name)]
public class PlacementsPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_placements_page_reproduces_the_published_figures_of_2021_and_the_treden_of_2020_12_31()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", "/dashboard/plaatsingen", DashboardSite.PublishedLabel);
        await tab.Page.GetByLabel("Peildatum").FillAsync("2020-12-31");
        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }), "**/dashboard/plaatsingen?peildatum=2020-12-31");

        // Published: 395 placements in 2021, 144 fulltime, benefit ended for 277; 76 via SROI; no ambition set for 2021.
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2021']")).Should().Equal("2021", "395", "–", "–", "144", "251", "76", "277");
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2018']")).Should().Equal("2018", "365", "350", "+15", "122", "243", "50", "0");
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2023']"))[..4].Should().Equal("2023", "274", "365", "-91");

        var auditor = site.Client(site.PublishedAuditorKey);
        var thisYear = int.Parse((await tab.TextAsync("#plaatsingen tbody tr:last-child th")), System.Globalization.CultureInfo.InvariantCulture);
        var report = await (await auditor.GetAsync($"/api/v1/reports/placements?from=2018&to={thisYear}")).ShouldBeAsync(HttpStatusCode.OK);
        foreach (var year in report["years"]!.AsArray())
            (await tab.CellsAsync($"#plaatsingen tr[data-jaar='{year!["year"]}']")).Should().Equal(Row(year!, year["year"]!.ToString()));
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='totaal']")).Should().Equal(Row(report["total"]!, "Totaal"));

        // Published: 1,731 benefit recipients on 2020-12-31 by trede, the percentages as published.
        (await tab.TextAsync("#kop-treden")).Should().Be("Treden op 31-12-2020");
        string[][] treden =
        [
            ["Trede 1", "237", "13,7%"], ["Trede 2", "891", "51,5%"], ["Trede 3", "41", "2,4%"],
            ["Trede 4", "315", "18,2%"], ["Trede 5", "119", "6,9%"], ["Trede 6", "128", "7,4%"],
        ];
        for (var t = 1; t <= 6; t++)
            (await tab.CellsAsync($"#treden tr[data-trede='{t}']")).Should().Equal(treden[t - 1]);
        (await tab.CellsAsync("#treden tr[data-trede='totaal']")).Should().Equal("Totaal", "1.731", "");

        var charts = await tab.ChartsAsync();
        charts.Should().HaveCount(2).And.OnlyContain(c => c.Role == "img" && c.PaintedPixels > 1000);
        charts[0].Name.Should().StartWith("Staafdiagram: plaatsingen per jaar, met de ambitie als lijn");
        charts[1].Name.Should().StartWith("Staafdiagram: uitkeringsgerechtigden per trede op 31-12-2020, 1.731 in totaal");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("plaatsingen");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_chooses_the_municipality()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", "/dashboard/plaatsingen");
        (await tab.TextAsync("main p")).Should().Be("Kies een gemeente om haar plaatsingen te zien.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByLabel("Gemeente (CBS-code)").FillAsync(DashboardSite.PublishedMunicipality);
        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }),
            $"**/dashboard/plaatsingen?gemeente={DashboardSite.PublishedMunicipality}");
        (await tab.TextAsync("h1")).Should().Be($"Plaatsingen {DashboardSite.PublishedMunicipality}");
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2021']"))[..2].Should().Equal("2021", "395");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    private static string[] Row(JsonNode year, string label) =>
    [
        label, Dutch.Count(Long(year, "total")), Optional(year, "ambition"),
        year["difference"] is { } d ? (d.GetValue<long>() > 0 ? "+" : "") + Dutch.Count(d.GetValue<long>()) : "–",
        Dutch.Count(Long(year, "fullTime")), Dutch.Count(Long(year, "partTime")), Dutch.Count(Long(year, "viaSroi")),
        Dutch.Count(Long(year, "benefitEndedAfterPlacement")),
    ];

    private static long Long(JsonNode node, string field) => node[field]!.GetValue<long>();

    private static string Optional(JsonNode node, string field) => node[field] is { } value ? Dutch.Count(value.GetValue<long>()) : "–";
}
