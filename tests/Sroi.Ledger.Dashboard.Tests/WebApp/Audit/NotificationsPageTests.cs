using System.Net;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Audit;

/// <summary>
/// The inbox (/dashboard/meldingen) of the WSP, signed in as a person: the feed newest first, paged, each item linked to
/// its contract; the menu's "Meldingen (n)" and the page's count are GET /notifications/unread for that person; "Alles als
/// gelezen markeren" moves the person's read marker, and a notification sent afterwards is the one new item.
/// </summary>
[Collection(DashboardCollection.Name)]
public class NotificationsPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_wsp_inbox_is_the_feed_newest_first_and_marking_read_changes_the_unread_count()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", "/dashboard/meldingen");
        await tab.Page.Locator("[data-ongelezen]").First.WaitForAsync();
        await tab.LoadedAsync();

        // The person's own feed and count (the read marker is the person's, not a key's).
        var feed = (await tab.GetAsPersonAsync("/api/v1/notifications?limit=500"))["items"]!.AsArray()
            .Select(n => n!["id"]!.GetValue<string>()).Reverse().ToList();
        feed.Should().NotBeEmpty("the seeded ledger sends the WSP notifications");
        var unread = (await tab.GetAsPersonAsync("/api/v1/notifications/unread"))["unread"]!.GetValue<long>();
        (await tab.Page.Locator("p[data-ongelezen]").GetAttributeAsync("data-ongelezen")).Should().Be(unread.ToString());
        (await Ids(tab)).Should().Equal(feed.Take(20));
        if (unread > 0)
            (await MenuItemAsync(tab)).Should().Be($"Meldingen ({unread} ongelezen)");
        if (feed.Count > 20)
        {
            await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
            await tab.Page.WaitForURLAsync("**/dashboard/meldingen?pagina=2");
            (await Ids(tab)).Should().Equal(feed.Skip(20).Take(20));
            await tab.Page.GoBackAsync();
            await tab.Page.Locator("li[data-melding]").First.WaitForAsync();
        }
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Alles als gelezen markeren" }).ClickAsync();
        await tab.Page.GetByText("U heeft geen ongelezen meldingen.").WaitForAsync();
        (await tab.GetAsPersonAsync("/api/v1/notifications/unread"))["unread"]!.GetValue<long>().Should().Be(0);
        (await MenuItemAsync(tab)).Should().Be("Meldingen");

        // A contract registered now is announced to the WSP: one new notification, on top, linked to its contract.
        var registered = await (await (await site.ClientAsync("inkoop")).PostJsonAsync("/api/v1/contracts",
            ContractBodies.Registration(400_000m, kvk: ContractBodies.UniqueKvk()))).ShouldBeAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        // The feed shows a notification once no older transaction is still running: wait for the API to count it.
        for (var tries = 0; tries < 50 && (await tab.GetAsPersonAsync("/api/v1/notifications/unread"))["unread"]!.GetValue<long>() == 0; tries++)
            await Task.Delay(200);
        await tab.Page.ReloadAsync();
        await tab.Page.Locator("p[data-ongelezen='1']").WaitForAsync();
        (await tab.GetAsPersonAsync("/api/v1/notifications/unread"))["unread"]!.GetValue<long>().Should().Be(1);
        (await MenuItemAsync(tab)).Should().Be("Meldingen (1 ongelezen)");
        var newest = tab.Page.Locator("li[data-melding]").First;
        (await newest.InnerTextAsync()).Should().Contain("Nieuw:").And.Contain("Contract met SROI-verplichting geregistreerd of gewijzigd");
        (await newest.GetByRole(AriaRole.Link).GetAttributeAsync("href")).Should().Be($"/dashboard/contracten/{id}");
        (await newest.GetByRole(AriaRole.Link).InnerTextAsync()).Should().Be($"Contract {registered["reference"]!.GetValue<string>()}");
        (await tab.Page.Locator("li.sroi-notification--new").CountAsync()).Should().Be(1);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-meldingen");

        await tab.PhoneAsync();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.FitsAsync()).Should().BeTrue();
        await tab.ScreenshotAsync("web-meldingen-telefoon");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    private static async Task<string[]> Ids(DashboardTab tab) =>
        await tab.Page.Locator("li[data-melding]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.melding)");

    private static async Task<string> MenuItemAsync(DashboardTab tab) =>
        DashboardTab.Text(await tab.Menu().Locator("a[href='/dashboard/meldingen']").TextContentAsync() ?? "");
}
