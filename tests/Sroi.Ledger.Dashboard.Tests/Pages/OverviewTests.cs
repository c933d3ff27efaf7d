using System.Text.Json.Nodes;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

[Collection(DashboardCollection.Name)]
public class OverviewTests(DashboardSite site)
{
    private static readonly (string Status, string Label)[] Statuses =
    [
        ("on-track", "op schema"), ("behind", "achter"), ("fulfilled", "vervuld"), ("overdue", "verlopen"),
        ("settled", "afgerekend"), ("not-applicable", "niet van toepassing"),
    ];

    [Fact]
    public async Task The_overview_shows_the_APIs_figures_by_status_and_award_year_and_the_contracts_behind_worst_first()
    {
        var ledger = site.Ledger;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop");

        var contracts = (await ledger.GetAsync("/api/v1/contracts?pageSize=100"))["items"]!.AsArray().Select(c => c!).ToList();
        var balances = await Task.WhenAll(contracts.Select(c => ledger.GetAsync($"/api/v1/contracts/{c["id"]}/balance")));
        var rows = contracts.Zip(balances, (contract, balance) => (Contract: contract, Balance: balance)).ToList();
        rows.Should().HaveCount(7);

        foreach (var (status, label) in Statuses)
        {
            var of = rows.Where(r => r.Balance["status"]!.GetValue<string>() == status).ToList();
            of.Should().NotBeEmpty($"the ledger has a contract that is {status}");
            (await tab.CellsAsync($"#per-status tr[data-status='{status}']")).Should().Equal(
                label, Dutch.Count(of.Count), Sum(of, "obligation"), Sum(of, "accepted"), Sum(of, "pending"));
        }
        (await tab.CellsAsync("#per-status tr[data-status='totaal']")).Should().Equal(
            "Totaal", "7", Sum(rows, "obligation"), Sum(rows, "accepted"), Sum(rows, "pending"));
        // The seeded figures themselves, so the page and the API cannot agree on something wrong.
        (await tab.CellsAsync("#per-status tr[data-status='behind']")).Should().Equal("achter", "2", "€ 30.000,00", "€ 1.000,00", "€ 2.500,00");
        (await tab.CellsAsync("#per-status tr[data-status='on-track']")).Should().Equal("op schema", "1", "€ 10.000,00", "€ 4.500,50", "€ 0,00");

        foreach (var year in rows.GroupBy(r => r.Contract["awardedOn"]!.GetValue<string>()[..4]))
        {
            var obligation = year.Sum(r => r.Balance["obligation"]!.GetValue<decimal>());
            var accepted = year.Sum(r => r.Balance["accepted"]!.GetValue<decimal>());
            (await tab.CellsAsync($"#per-jaar tr[data-jaar='{year.Key}']")).Should().Equal(year.Key, Dutch.Count(year.Count()),
                Dutch.Euro(obligation), Dutch.Euro(accepted), Dutch.Percent(decimal.Round(accepted * 100 / obligation, 1, MidpointRounding.AwayFromZero)));
        }
        (await tab.Page.Locator("#per-jaar tbody tr").CountAsync()).Should().Be(2);

        var behind = await tab.Page.Locator("#achter tbody a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        behind.Should().Equal($"/dashboard/contracten/{ledger.FarBehind.Id}", $"/dashboard/contracten/{ledger.Behind.Id}");
        var farBehind = await tab.CellsAsync($"#achter tr[data-contract='{ledger.FarBehind.Id}']");
        farBehind[2..5].Should().Equal("€ 20.000,00", "€ 1.000,00", "5,0%");
        farBehind[5].Should().Be("27,3%"); // 100 of the term's 366 days

        var charts = await tab.ChartsAsync();
        charts.Should().ContainSingle().Which.Should().Match<Browser.Chart>(c =>
            c.Role == "img" && c.Name!.StartsWith("Staafdiagram: SROI-verplichting en geaccepteerde invulling per gunningsjaar") && c.PaintedPixels > 1000);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("overzicht");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    private static string Sum(IEnumerable<(JsonNode Contract, JsonNode Balance)> rows, string field) =>
        Dutch.Euro(rows.Sum(r => r.Balance[field]!.GetValue<decimal>()));
}
