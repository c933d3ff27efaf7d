using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Audit;

/// <summary>
/// The inbox (/dashboard/meldingen) of the WSP, signed in as a person: the feed newest first, paged, each item linked to
/// its contract; the menu's "Meldingen (n)" and the page's count are GET /notifications/unread for that person; "Alles als
/// gelezen markeren" moves the person's read marker to the end of the feed (unread 0, the menu's count gone).
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
            await tab.ArriveAsync("**/dashboard/meldingen?pagina=2");
            (await Ids(tab)).Should().Equal(feed.Skip(20).Take(20));
            await tab.Page.GoBackAsync();
            await tab.Page.Locator("li[data-melding]").First.WaitForAsync();
        }
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Alles als gelezen markeren" }).ClickAsync();
        await tab.Page.GetByText("U heeft geen ongelezen meldingen.").WaitForAsync();
        (await tab.GetAsPersonAsync("/api/v1/notifications/unread"))["unread"]!.GetValue<long>().Should().Be(0);
        (await MenuItemAsync(tab)).Should().Be("Meldingen");

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
