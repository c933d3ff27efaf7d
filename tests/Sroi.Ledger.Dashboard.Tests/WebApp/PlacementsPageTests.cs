using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The web app's placements page (web/src/placements): the published figures (docs/domain.md, recorded by the reports'
/// acceptance history in <see cref="DashboardSite.PublishedMunicipality"/>), the SROI placements and the trede flow of
/// the period chosen, each equal to the API's answer and each CSV button giving the API's own CSV.
/// </summary>
[Collection(DashboardCollection.Name)]
public class PlacementsPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_placements_page_reproduces_the_published_figures_and_the_sroi_placements_and_trede_flow_of_the_chosen_period()
    {
        var auditor = site.Client(site.PublishedAuditorKey);
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", "/dashboard/plaatsingen", DashboardSite.PublishedLabel);
        (await tab.TextAsync("main h1")).Should().Be($"Plaatsingen {DashboardSite.PublishedMunicipality}");
        (await tab.Page.TitleAsync()).Should().Be("Plaatsingen — SROI-dashboard");

        // Published: 395 placements in 2021, 144 fulltime, benefit ended for 277; 76 via SROI; no ambition set for 2021.
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2021']")).Should().Equal("2021", "395", "–", "–", "144", "251", "76", "277");
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2018']")).Should().Equal("2018", "365", "350", "+15", "122", "243", "50", "0");
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2023']"))[..4].Should().Equal("2023", "274", "365", "-91");
        var thisYear = int.Parse(await tab.TextAsync("#plaatsingen tbody tr:last-child th"), System.Globalization.CultureInfo.InvariantCulture);
        var years = await (await auditor.GetAsync($"/api/v1/reports/placements?from=2018&to={thisYear}")).ShouldBeAsync(HttpStatusCode.OK);
        foreach (var year in years["years"]!.AsArray())
            (await tab.CellsAsync($"#plaatsingen tr[data-jaar='{year!["year"]}']")).Should().Equal(Row(year!, year["year"]!.ToString()));
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='totaal']")).Should().Equal(Row(years["total"]!, "Totaal"));

        // The trede distribution on a date chosen in the URL: 1,731 benefit recipients on 2020-12-31, as published.
        await tab.Page.GetByLabel("Peildatum", new() { Exact = true }).FillAsync("2020-12-31");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Treden tonen" }).ClickAsync();
        await tab.ArriveAsync("**/dashboard/plaatsingen?peildatum=2020-12-31");
        await tab.Page.Locator("#kop-treden", new() { HasTextString = "Treden op 31-12-2020" }).WaitForAsync();
        string[][] treden =
        [
            ["Trede 1", "237", "13,7%"], ["Trede 2", "891", "51,5%"], ["Trede 3", "41", "2,4%"],
            ["Trede 4", "315", "18,2%"], ["Trede 5", "119", "6,9%"], ["Trede 6", "128", "7,4%"],
        ];
        for (var t = 1; t <= 6; t++)
            (await tab.CellsAsync($"#treden tr[data-trede='{t}']")).Should().Equal(treden[t - 1]);
        (await tab.CellsAsync("#treden tr[data-trede='totaal']")).Should().Equal("Totaal", "1.731", "");

        // The period 2021: SROI placements (regional and local) and the trede flow, as the API counts them.
        await tab.Page.GetByLabel("Jaar", new() { Exact = true }).FillAsync("2021");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Periode tonen" }).ClickAsync();
        await tab.ArriveAsync("**/dashboard/plaatsingen?peildatum=2020-12-31&jaar=2021");
        await tab.Page.Locator("#kop-periode", new() { HasTextString = "in 2021" }).WaitForAsync();
        await ExpectPeriodAsync(tab, auditor, "year=2021");
        (await tab.CellsAsync("#sroi tr[data-cijfer='count']")).Should().Equal("Plaatsingen via SROI", "76");

        var charts = tab.Page.Locator("main svg[role=img]");
        (await charts.CountAsync()).Should().Be(2);
        (await charts.Nth(0).GetAttributeAsync("aria-label")).Should().StartWith("Staafdiagram: plaatsingen per jaar, met de ambitie als lijn");
        (await charts.Nth(1).GetAttributeAsync("aria-label")).Should().StartWith("Staafdiagram: uitkeringsgerechtigden per trede op 31-12-2020, 1.731 in totaal");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-plaatsingen");

        // The CSV buttons give the API's own file for what the page shows.
        var download = await tab.Page.RunAndWaitForDownloadAsync(() =>
            tab.Page.GetByRole(AriaRole.Button, new() { Name = "CSV downloaden: plaatsingen via SROI" }).ClickAsync());
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        downloaded.Should().Equal(await CsvAsync(auditor, "/api/v1/reports/sroi-placements?year=2021"));
        download = await tab.Page.RunAndWaitForDownloadAsync(() =>
            tab.Page.GetByRole(AriaRole.Button, new() { Name = "CSV downloaden: doorstroom op de participatieladder" }).ClickAsync());
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).Should().Equal(await CsvAsync(auditor, "/api/v1/reports/trede-flow?year=2021"));

        // A quarter: in the URL in Dutch (K1), to the API as its own (Q1).
        await tab.Page.GetByLabel("Periode", new() { Exact = true }).SelectOptionAsync("kwartaal");
        await tab.Page.GetByLabel("Kwartaal", new() { Exact = true }).SelectOptionAsync("2");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Periode tonen" }).ClickAsync();
        await tab.ArriveAsync("**/dashboard/plaatsingen?peildatum=2020-12-31&kwartaal=2021-K2");
        await tab.Page.Locator("#kop-periode", new() { HasTextString = "het 2e kwartaal van 2021" }).WaitForAsync();
        await ExpectPeriodAsync(tab, auditor, "quarter=2021-Q2");

        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-plaatsingen-telefoon");

        // The back button returns to the year.
        await tab.Page.GoBackAsync();
        await tab.Page.Locator("#kop-periode", new() { HasTextString = "in 2021" }).WaitForAsync();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_chooses_the_municipality_by_name_and_it_stays_in_the_url()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", "/dashboard/plaatsingen");
        (await tab.TextAsync("#kies-gemeente")).Should().Be("Kies een gemeente om haar plaatsingen te zien.");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync(SeededLedger.Municipality);
        await tab.ArriveAsync($"**/dashboard/plaatsingen?gemeente={SeededLedger.Municipality}");
        await tab.Page.Locator("#plaatsingen").WaitForAsync();
        // The name comes with the municipality table (GET /municipalities), read beside the figures.
        await tab.Page.Locator("main h1", new() { HasTextString = "Plaatsingen Rijswijk" }).WaitForAsync();
        var thisYear = int.Parse(await tab.TextAsync("#plaatsingen tbody tr:last-child th"), System.Globalization.CultureInfo.InvariantCulture);
        var rijswijk = await (await site.Admin().GetAsync($"/api/v1/reports/placements?from=2018&to={thisYear}&municipality={SeededLedger.Municipality}"))
            .ShouldBeAsync(HttpStatusCode.OK);
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='totaal']")).Should().Equal(Row(rijswijk["total"]!, "Totaal"));

        // A municipality the CBS table does not know (the test's own) is named by its code, from the URL.
        await tab.GoAsync($"/dashboard/plaatsingen?gemeente={DashboardSite.PublishedMunicipality}&jaar=2021");
        (await tab.TextAsync("main h1")).Should().Be($"Plaatsingen {DashboardSite.PublishedMunicipality}");
        (await tab.CellsAsync("#plaatsingen tr[data-jaar='2021']"))[..2].Should().Equal("2021", "395");
        (await tab.CellsAsync("#sroi tr[data-cijfer='count']")).Should().Equal("Plaatsingen via SROI", "76");
        (await tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Overzicht" })
            .GetAttributeAsync("href")).Should().Be($"/dashboard?gemeente={DashboardSite.PublishedMunicipality}");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    /// <summary>The SROI placements and the trede flow on the page equal the API's answers for the same period.</summary>
    private static async Task ExpectPeriodAsync(DashboardTab tab, HttpClient auditor, string query)
    {
        var sroi = await (await auditor.GetAsync($"/api/v1/reports/sroi-placements?{query}")).ShouldBeAsync(HttpStatusCode.OK);
        (await tab.CellsAsync("#sroi tr[data-cijfer='count']"))[1].Should().Be(Dutch.Count(sroi["count"]!.GetValue<long>()));
        (await tab.CellsAsync("#sroi tr[data-cijfer='regional']"))[1].Should().Be(Dutch.Count(sroi["regional"]!.GetValue<long>()));
        (await tab.CellsAsync("#sroi tr[data-cijfer='local']"))[1].Should().Be(Dutch.Count(sroi["local"]!.GetValue<long>()));
        (await tab.CellsAsync("#sroi tr[data-cijfer='regionalShare']"))[1].Should().Be(sroi["regionalShare"] is { } share
            ? Dutch.Percent(decimal.Round(share.GetValue<decimal>() * 100, 1, MidpointRounding.AwayFromZero)) : "–");
        (await tab.CellsAsync("#sroi tr[data-cijfer='distinctEmployers']"))[1].Should().Be(Dutch.Count(sroi["distinctEmployers"]!.GetValue<long>()));

        var flow = await (await auditor.GetAsync($"/api/v1/reports/trede-flow?{query}")).ShouldBeAsync(HttpStatusCode.OK);
        (await tab.CellsAsync("#doorstroom tr[data-cijfer='changes']"))[1].Should().Be(Dutch.Count(flow["changes"]!.GetValue<long>()));
        (await tab.CellsAsync("#doorstroom tr[data-cijfer='up']"))[1].Should().Be(Dutch.Count(flow["up"]!.GetValue<long>()));
        (await tab.CellsAsync("#doorstroom tr[data-cijfer='down']"))[1].Should().Be(Dutch.Count(flow["down"]!.GetValue<long>()));
        (await tab.CellsAsync("#doorstroom tr[data-cijfer='outOfBenefit']"))[1].Should().Be(Dutch.Count(flow["outOfBenefit"]!["total"]!.GetValue<long>()));
        var moves = flow["matrix"]!.AsArray();
        (await tab.Page.Locator("#wisselingen tbody tr").CountAsync()).Should().Be(moves.Count);
        foreach (var move in moves)
            (await tab.CellsAsync($"#wisselingen tr[data-van='{move!["from"]}'][data-naar='{move["to"]}']")).Should().Equal(
                $"Trede {move["from"]}", $"Trede {move["to"]}", Dutch.Count(move["count"]!.GetValue<long>()));
    }

    private static async Task<byte[]> CsvAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
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
