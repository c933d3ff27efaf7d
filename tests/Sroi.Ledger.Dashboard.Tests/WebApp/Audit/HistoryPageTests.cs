using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Audit;

/// <summary>
/// The auditor's replay (/dashboard/contracten/{id}/geschiedenis) of a contract of this class's own: event for event what
/// GET …/history answers, who acted by name (a person's from the directory, a key as "API-sleutel", never a key id), the
/// hash, the chain and the newest checkpoint, the state after each event behind a disclosure button stepped through with
/// the keyboard, and "Zoals bekend op" equal to the API's asKnownOn answers.
/// </summary>
[Collection(DashboardCollection.Name)]
public class HistoryPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_replay_is_the_apis_history_event_for_event_with_names_the_chain_and_the_checkpoint()
    {
        // Registered and amended with a key, checkpointed, then amended by a person signed in to the dashboard.
        var inkoopKey = await site.ClientAsync("inkoop");
        var id = (await (await inkoopKey.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: ContractBodies.UniqueKvk())))
            .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await inkoopKey.PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "Meerwerk kademuur" })).ShouldBeAsync(HttpStatusCode.OK);
        var signed = await (await site.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={SeededLedger.Municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        signed["refused"]!.AsArray().Should().BeEmpty();
        await using (var inkoop = await site.OpenAsync())
        {
            await inkoop.SignInAsync("inkoop", "/dashboard/contracten");
            (await inkoop.PostAsPersonAsync($"/api/v1/contracts/{id}/amendments",
                new JsonObject { ["contractValue"] = 320_000, ["effectiveOn"] = "2024-10-01", ["reason"] = "Meerwerk fase 2" }.ToJsonString())).Should().Be(200);
        }

        await using var tab = await site.OpenAsync();
        var path = $"/dashboard/contracten/{id}/geschiedenis";
        await tab.SignInAsync("auditor", path);
        await tab.LoadedAsync();
        var auditor = await site.ClientAsync("auditor");
        var history = await (await auditor.GetAsync($"/api/v1/contracts/{id}/history?pageSize=1000")).ShouldBeAsync(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        events.Should().HaveCount(3);

        (await tab.TextAsync("main h1")).Should().Be("Geschiedenis");
        (await tab.Page.TitleAsync()).Should().Be("Geschiedenis — SROI-dashboard");
        var items = tab.Page.Locator("li.sroi-event");
        (await items.CountAsync()).Should().Be(3);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i]!;
            var item = items.Nth(i);
            (await item.GetAttributeAsync("data-version")).Should().Be(e["version"]!.ToString());
            (await Field(item, "door")).Should().Be(e["actorDisplay"]!.GetValue<string>());
            (await Field(item, "reden")).Should().Be(e["metadata"]!["reason"]?.GetValue<string>() ?? "geen reden opgegeven");
            (await Field(item, "hash")).Should().Be(e["hash"]!.GetValue<string>());
            (await Field(item, "keten")).Should().Be("klopt tot en met deze gebeurtenis");
            e["chainHolds"]!.GetValue<bool>().Should().BeTrue();
        }
        // A person by name, a key as a key: never the actor's id as the event records it.
        (await Field(items.Nth(2), "door")).Should().StartWith("M. de Vries");
        (await Field(items.Nth(0), "door")).Should().StartWith("API-sleutel");
        var text = await tab.TextAsync("main");
        foreach (var e in events)
            text.Should().NotContain(e!["metadata"]!["actor"]!.GetValue<string>());
        (await Field(items.Nth(1), "controlepunt")).Should().StartWith("gedekt door het controlepunt van");
        (await Field(items.Nth(2), "controlepunt")).Should().Be("nieuwer dan het laatste controlepunt");
        (await tab.Page.Locator("[data-keten]").GetAttributeAsync("data-keten")).Should().Be("intact");
        history["checkpoint"]!["holds"]!.GetValue<bool>().Should().BeTrue();
        (await tab.Page.Locator("[data-controlepunt]").GetAttributeAsync("data-controlepunt")).Should().Be("klopt");

        // Step through the events with the keyboard: each state behind its disclosure button, as the API folds it.
        var states = history["statesAfter"]!.AsArray();
        // By its place, not its name: the name changes from "Toon" to "Verberg" as it opens.
        var first = tab.Page.Locator("li[data-version='1'] button[data-step]");
        (await first.InnerTextAsync()).Should().Be("Toon stand na gebeurtenis 1");
        await first.FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        (await first.GetAttributeAsync("aria-expanded")).Should().Be("true");
        (await tab.TextAsync("#stand-1")).Should().Contain(Dutch.Euro(states[0]!.Decimal("contract.contractValue")))
            .And.Contain(Dutch.Euro(states[0]!.Decimal("balance.obligation")));
        await tab.Page.Keyboard.PressAsync("ArrowDown");
        await tab.Page.Keyboard.PressAsync("Enter");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Verberg stand na gebeurtenis 2" }).GetAttributeAsync("aria-expanded")).Should().Be("true");
        (await tab.TextAsync("#stand-2")).Should().Contain(Dutch.Euro(300_000m)).And.Contain(Dutch.Euro(states[1]!.Decimal("balance.obligation")))
            .And.Contain("Meerwerk kademuur");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-geschiedenis");

        await tab.PhoneAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.FitsAsync()).Should().BeTrue();
        await tab.ScreenshotAsync("web-geschiedenis-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        // As known after the second event: its recorded moment is the API's asKnownOn, and the page shows that answer.
        var second = events[1]!["recordedAt"]!.GetValue<string>();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Zoals bekend na gebeurtenis 2" }).ClickAsync();
        await tab.Page.Locator($"[data-bekend-op='{second}']").WaitForAsync();
        (await tab.Page.Locator("li.sroi-event").CountAsync()).Should().Be(2);
        var then = await (await auditor.GetAsync($"/api/v1/contracts/{id}/history?asKnownOn={second}")).ShouldBeAsync(HttpStatusCode.OK);
        var balanceThen = await (await auditor.GetAsync($"/api/v1/contracts/{id}/balance?asKnownOn={second}")).ShouldBeAsync(HttpStatusCode.OK);
        (await tab.Page.Locator("[data-bekend-op]").GetAttributeAsync("data-bekend-op")).Should().Be(second);
        var stand = await tab.TextAsync("[data-bekend-op] dl");
        stand.Should().Contain(Dutch.Euro(then.Decimal("contract.contractValue"))).And.Contain(Dutch.Euro(balanceThen.Decimal("obligation")))
            .And.NotContain(Dutch.Euro(320_000m));
        (await tab.Page.GetByLabel("Zoals bekend op", new() { Exact = true }).InputValueAsync()).Should().Be(Amsterdam(second));
        await tab.ScreenshotAsync("web-geschiedenis-bekend-op");

        // A date: everything recorded on or before that Amsterdam day, the same as the API asked for the day's end.
        await tab.Page.GetByLabel("Zoals bekend op", new() { Exact = true }).FillAsync("2020-01-01");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Toon", Exact = true }).ClickAsync();
        await tab.Page.GetByText("Op deze datum was over dit contract nog niets vastgelegd.").WaitForAsync();
        tab.Page.Url.Should().EndWith($"{path}?bekendOp=2020-01-01");
        var asked = await tab.Page.Locator("[data-bekend-op]").GetAttributeAsync("data-bekend-op");
        asked.Should().Be("2020-01-01T22:59:59.999999Z", "the end of 1 January 2020 in Amsterdam (UTC+1)");
        (await (await auditor.GetAsync($"/api/v1/contracts/{id}/history?asKnownOn={asked}")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>().Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByLabel("Zoals bekend op", new() { Exact = true }).FillAsync(Amsterdam(events[2]!["recordedAt"]!.GetValue<string>()));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Toon", Exact = true }).ClickAsync();
        await tab.Page.Locator("li.sroi-event").Nth(2).WaitForAsync();
        (await tab.TextAsync("[data-bekend-op] dl")).Should().Contain(Dutch.Euro(320_000m));

        tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        tab.Refused.Should().BeEmpty();
    }

    private static async Task<string> Field(ILocator item, string name) =>
        DashboardTab.Text(await item.Locator($"[data-field='{name}']").InnerTextAsync());

    /// <summary>The Amsterdam date of an instant, as the date field shows it (yyyy-MM-dd).</summary>
    private static string Amsterdam(string instant) =>
        NodaTime.Text.InstantPattern.ExtendedIso.Parse(instant).Value.InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
