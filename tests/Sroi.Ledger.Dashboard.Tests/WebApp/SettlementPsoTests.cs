using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The settlement page (/dashboard/contracten/{id}/afrekening) of a contract whose contractor holds a PSO certificate: it
/// shows the obligation before PSO, the reduction, the obligation settled on, and per period the certificate, the policy
/// version and the amount, as GET …/balance gives them (issue 21). The PSO rules are in a policy version of
/// <see cref="WspWork.Municipality"/> from 2090, so that no other test's contract (awarded and running now) meets them:
/// the contract here runs from mid-2089 to mid-2090, half a year of it under the rule.
/// </summary>
[Collection(DashboardCollection.Name)]
public class SettlementPsoTests(DashboardSite site)
{
    private const string PsoFrom = "2090-01-01";

    [Fact]
    public async Task The_settlement_page_shows_the_pso_reduction_per_period_with_its_policy_version_as_the_balance_has_it()
    {
        var wsp = await WspWork.WspAsync(site);
        await PolicyAsync();
        var (id, reference) = await WspWork.ContractAsync(site, new LocalDate(2089, 7, 1), new LocalDate(2090, 6, 30));
        var kvk = (await (await wsp.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK))["contractor"]!["kvkNumber"]!.GetValue<string>();
        await (await wsp.PostJsonAsync($"/api/v1/contractors/{kvk}/pso-certificates", new JsonObject
        {
            ["level"] = "trede2", ["validFrom"] = "2089-01-01", ["validTo"] = "2091-12-31", ["certificateNumber"] = "PSO-2089-0001",
        })).ShouldBeAsync(HttpStatusCode.Created);
        var balance = await Eventually.UntilAsync(async () => await (await wsp.GetAsync($"/api/v1/contracts/{id}/balance")).ShouldBeAsync(HttpStatusCode.OK),
            b => b["pso"] is JsonObject, $"contract {reference} has its PSO terms");
        // 181 of the term's 365 days at 10% of € 10.000.
        balance.Decimal("obligationBeforePso").Should().Be(10_000m);
        balance.Decimal("pso.reduction").Should().Be(495.89m);
        balance.Decimal("obligation").Should().Be(9_504.11m);
        var line = balance["pso"]!["reductionLines"]!.AsArray().Should().ContainSingle().Subject!;
        var policyVersion = line["policyVersion"]!.GetValue<string>();
        policyVersion.Should().StartWith($"{WspWork.Municipality}-v");

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/contracten/{id}/afrekening", DashboardSite.PublishedLabel);

        var keys = await tab.Page.Locator("main .utrecht-data-list__item-key").AllInnerTextsAsync();
        var values = await tab.Page.Locator("main .utrecht-data-list__item-value").AllInnerTextsAsync();
        var facts = keys.Zip(values, (k, v) => (Key: DashboardTab.Text(k), Value: DashboardTab.Text(v))).ToList();
        facts.Select(f => f.Key).Should().StartWith(["Verplichting vóór PSO", "PSO-korting", "Verplichting", "Geaccepteerd"]);
        facts[0].Value.Should().StartWith($"{Dutch.Euro(10_000m)}, door inkoop vastgesteld: 5% van de contractwaarde");
        facts[1].Value.Should().Be($"− {Dutch.Euro(495.89m)} (per periode hieronder)");
        facts[2].Value.Should().Be($"{Dutch.Euro(9_504.11m)}, na PSO-korting");
        facts.Single(f => f.Key == "Nog open (tekort)").Value.Should().Be(Dutch.Euro(9_504.11m));

        (await tab.TextAsync("#pso-korting caption")).Should().Be("PSO-korting per periode (looptijd 365 dagen)");
        (await tab.CellsAsync("#pso-korting tbody tr")).Should().Equal(
            "01-01-2090 tot en met 30-06-2090", "trede 2 (nr. 1, PSO-2089-0001)", policyVersion, "10%", "181", Dutch.Euro(495.89m));
        (await tab.CellsAsync("#pso-korting tfoot tr")).Should().Equal("Totaal", "", "", "", "", Dutch.Euro(495.89m));
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }

    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>The municipality's policy version with PSO rules from 2090, added once per site.</summary>
    private async Task PolicyAsync()
    {
        await Once.WaitAsync();
        try
        {
            var policies = await (await site.Admin().GetAsync($"/api/v1/sroi-policies?municipality={WspWork.Municipality}")).ShouldBeAsync(HttpStatusCode.OK);
            if (policies.AsArray().Any(p => p!["effectiveFrom"]!.GetValue<string>() == PsoFrom)) return;
            await (await site.Admin().PostJsonAsync("/api/v1/sroi-policies", new JsonObject
            {
                ["municipality"] = WspWork.Municipality, ["effectiveFrom"] = PsoFrom, ["percentage"] = 5,
                ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
                ["description"] = "Testbeleid vanaf 2090: PSO trede 2 geeft 10% korting",
                ["pso"] = new JsonObject { ["reductions"] = new JsonArray(new JsonObject { ["level"] = "trede2", ["percentage"] = 10 }) },
            })).ShouldBeAsync(HttpStatusCode.Created);
        }
        finally
        {
            Once.Release();
        }
    }
}
