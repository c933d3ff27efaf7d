using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

[Collection(DashboardCollection.Name)]
public class ContractPageTests(DashboardSite site)
{
    [Fact]
    public async Task A_contract_opened_from_the_overview_shows_its_balance_progress_chart_reports_and_history()
    {
        var ledger = site.Ledger;
        var contract = ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop");
        await tab.FollowAsync(tab.Page.Locator("#achter tbody a").First, $"**/dashboard/contracten/{contract.Id}");

        var balance = await ledger.GetAsync($"{contract.Url}/balance");
        (await tab.TextAsync("h1")).Should().Be($"Contract {(await ledger.GetAsync(contract.Url))["reference"]}");
        foreach (var field in new[] { "obligation", "accepted", "pending", "remaining" })
            (await tab.TextAsync($"#saldo [data-veld='{field}'] dd")).Should().Be(Dutch.Euro(balance[field]!.GetValue<decimal>()));
        (await tab.TextAsync("#saldo [data-veld='percentage'] dd")).Should().Be(Dutch.Percent(balance["percentage"]!.GetValue<decimal>()));
        (await tab.TextAsync("#saldo [data-veld='status'] dd")).Should().Be("achter");
        (await tab.TextAsync("#saldo [data-veld='obligation'] dd")).Should().Be("€ 20.000,00");
        (await tab.TextAsync("#saldo [data-veld='remaining'] dd")).Should().Be("€ 19.000,00");

        var chart = (await tab.ChartsAsync()).Should().ContainSingle().Subject;
        chart.Role.Should().Be("img");
        chart.Name.Should().StartWith("Lijngrafiek: geaccepteerd deel van de verplichting (nu 5,0%) tegen het verstreken deel van de termijn");
        chart.PaintedPixels.Should().BeGreaterThan(1000);
        var start = balance["startsOn"]!.GetValue<string>();
        var today = balance["asOf"]!.GetValue<string>();
        (await tab.CellsAsync("#voortgang tbody tr:first-child")).Should().Equal(Dutch.Date(start), "€ 0,00", "0,0%", "0,0%");
        (await tab.CellsAsync("#voortgang tbody tr:last-child")).Should().Equal(Dutch.Date(today), "€ 1.000,00", "5,0%", "27,3%");

        var reports = (await ledger.GetAsync($"{contract.Url}/fulfilments"))["items"]!.AsArray();
        var rows = tab.Page.Locator("#meldingen tbody tr");
        (await rows.CountAsync()).Should().Be(reports.Count).And.Be(3);
        (await tab.CellsAsync("#meldingen tbody tr:nth-child(1)"))[1..4].Should().Equal("opleiding", "€ 1.000,00", "geaccepteerd");
        (await tab.CellsAsync("#meldingen tbody tr:nth-child(2)"))[1..4].Should().Equal("opleiding", "€ 500,00", "in behandeling");
        (await tab.CellsAsync("#meldingen tbody tr:nth-child(3)"))[3..].Should().Equal("afgewezen", Dutch.Date(today), "Geen factuur van de opleider");

        var history = await ledger.GetAsync($"{contract.Url}/history");
        var events = history["events"]!.AsArray();
        (await tab.Page.Locator("#geschiedenis tbody tr").CountAsync()).Should().Be(events.Count).And.Be(6);
        (await tab.CellsAsync("#geschiedenis tbody tr:first-child"))[1].Should().Be("Contract geregistreerd");
        var rejection = await tab.CellsAsync("#geschiedenis tbody tr:last-child");
        (rejection[1], rejection[3], rejection[4]).Should().Be(("Melding afgewezen", events[^1]!["metadata"]!["actor"]!.GetValue<string>(), "Geen factuur van de opleider"));
        (await tab.TextAsync("#hashketen")).Should().Be("Hashketen intact: 6 gebeurtenissen gecontroleerd.");

        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("contract");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }
}
