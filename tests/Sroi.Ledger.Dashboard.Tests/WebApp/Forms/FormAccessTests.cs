using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Forms;

/// <summary>
/// Issue 20's hostile run, P1: a person whose role may not write sees, on every form route, the page's heading and a
/// Dutch sentence saying who may (web/src/forms/writers.ts, copied from the API's RequireRoles), a way back, and never
/// the form; axe finds nothing. Nothing here writes (the candidate is registered in Rijswijk through the API, as the
/// candidate pages' own tests do; Rijswijk's seeded contracts are only read).
/// </summary>
[Collection(DashboardCollection.Name)]
public class FormAccessTests(DashboardSite site)
{
    private const string SomeReport = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private (string Path, string Heading, string Who)[] Routes()
    {
        var contract = $"/dashboard/contracten/{site.Ledger.FarBehind.Id}";
        return
        [
            ("/dashboard/contracten/nieuw", "Contract registreren", "alleen inkoop mag dit"),
            ($"{contract}/wijzigen", "Contract wijzigen", "alleen inkoop mag dit"),
            ($"{contract}/afronden", "Contract afronden", "alleen inkoop mag dit"),
            ($"{contract}/afrekening", "Afrekening vastleggen", "alleen het werkgeversservicepunt (WSP) mag dit"),
            ($"{contract}/rapporteren", "Rapporteren", "alleen de opdrachtnemer en het werkgeversservicepunt (WSP) mogen dit"),
            ($"{contract}/rapportages/{SomeReport}/corrigeren", "Rapportage corrigeren",
                "alleen de opdrachtnemer en het werkgeversservicepunt (WSP) mogen dit"),
            ("/dashboard/kandidaten/nieuw", "Kandidaat registreren", "alleen het werkgeversservicepunt (WSP) mag dit"),
        ];
    }

    [Fact]
    public async Task The_auditor_opening_each_form_route_sees_in_dutch_that_only_others_may_record_there_and_no_form()
    {
        await using var tab = await site.OpenAsync();
        var posts = CountPosts(tab);
        await tab.SignInAsync("auditor");
        foreach (var (path, heading, who) in Routes())
            await RefusedAsync(tab, path, heading, $"U kunt hier niets vastleggen: {who}. U bent aangemeld als de auditor.");

        // The candidate's page is the auditor's to read, without the WSP's forms.
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = $"K-{Random.Shared.Next(10_000_000, 100_000_000)}";
        await (await wsp.PostJsonAsync("/api/v1/candidates", new JsonObject
        {
            ["candidateNumber"] = number, ["municipality"] = SeededLedger.Municipality, ["registeredOn"] = "2026-01-05", ["trede"] = 2,
            ["targetGroup"] = "participatiewet",
        })).ShouldBeAsync(HttpStatusCode.Created);
        await tab.GoAsync($"/dashboard/kandidaten/{number}");
        await tab.Page.Locator("tr[data-trede='0']").WaitForAsync();
        (await tab.TextAsync("main h1")).Should().Be($"Kandidaat {number}");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Trede wijzigen" }).CountAsync()).Should().Be(0);
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Plaatsing registreren" }).CountAsync()).Should().Be(0);
        (await tab.Page.Locator("main form").CountAsync()).Should().Be(0);

        // The contract page offers the auditor no review buttons on a pending report.
        await tab.GoAsync($"/dashboard/contracten/{site.Ledger.FarBehind.Id}");
        await tab.Page.Locator("#rapportages").WaitForAsync();
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Accepteren" }).CountAsync()).Should().Be(0);

        posts.Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_contractor_opening_the_forms_of_procurement_and_of_the_wsp_sees_why_in_dutch_and_no_form()
    {
        await using var tab = await site.OpenAsync();
        var posts = CountPosts(tab);
        await tab.SignInAsync("opdrachtnemer-12345678");
        foreach (var (path, heading, who) in Routes().Where(r => !r.Who.Contains("opdrachtnemer", StringComparison.Ordinal)))
            await RefusedAsync(tab, path, heading, $"U kunt hier niets vastleggen: {who}. U bent aangemeld als de opdrachtnemer.");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-formulier-geweigerd-telefoon");
        posts.Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }

    private static async Task RefusedAsync(DashboardTab tab, string path, string heading, string sentence)
    {
        await tab.GoAsync(path);
        (await tab.TextAsync("main h1")).Should().Be(heading, path);
        (await tab.Page.Locator("main h1").CountAsync()).Should().Be(1, path);
        (await tab.Page.TitleAsync()).Should().Be($"{heading} — SROI-dashboard", path);
        (await tab.TextAsync("main .sroi-refusal")).Should().Be(sentence, path);
        (await tab.Page.Locator("main form").CountAsync()).Should().Be(0, path);
        (await tab.Page.Locator("main input, main textarea, main select").CountAsync()).Should().Be(0, path);
        (await tab.Page.Locator("main a", new() { HasTextString = "Terug naar" }).CountAsync()).Should().Be(1, path);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty(path);
    }

    /// <summary>Every change the page sends to the API (none is expected).</summary>
    internal static List<string> CountPosts(DashboardTab tab)
    {
        var posts = new List<string>();
        tab.Page.Request += (_, request) =>
        {
            if (request.Method is "POST" or "PUT" or "DELETE" && request.Url.Contains("/api/v1/", StringComparison.Ordinal)) posts.Add(request.Url);
        };
        return posts;
    }
}
