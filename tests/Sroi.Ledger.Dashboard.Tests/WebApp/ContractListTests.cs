using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The new web app's contract list (web/, /dashboard/contracten), signed in through the identity provider: the rows are
/// what GET /api/v1/contracts answers for the same person, every filter and page is in the URL, the back button restores
/// the earlier state, and axe finds nothing at desktop and phone width.
/// </summary>
[Collection(DashboardCollection.Name)]
public class ContractListTests(DashboardSite site)
{
    /// <summary>A municipality of this class's own (none of the seeded ledger's), with more contracts than one page.</summary>
    private const string Paged = "GM9002";

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static readonly Dictionary<DashboardSite, HttpClient> SeededBy = [];

    [Fact]
    public async Task Procurement_sees_its_municipalitys_contracts_each_linked_to_its_page_at_desktop_and_phone_width()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", "/dashboard/contracten");

        var expected = (await site.Ledger.GetAsync("/api/v1/contracts?pageSize=20"))["items"]!.AsArray();
        expected.Select(c => c!["id"]!.GetValue<string>()).Should().Contain(site.Ledger.FarBehind.Id).And.Contain(site.Ledger.Exempt);
        (await ReferencesAsync(tab)).Should().Equal(expected.Select(c => c!["reference"]!.GetValue<string>()));
        (await tab.TextAsync("main caption")).Should().Be($"Contracten 1–{expected.Count} van {expected.Count}");
        foreach (var contract in expected)
        {
            var id = contract!["id"]!.GetValue<string>();
            (await tab.Page.Locator($"tr[data-contract='{id}'] a").GetAttributeAsync("href")).Should().Be($"/dashboard/contracten/{id}");
        }
        var farBehind = expected.Single(c => c!["id"]!.GetValue<string>() == site.Ledger.FarBehind.Id)!;
        (await tab.CellsAsync($"tr[data-contract='{site.Ledger.FarBehind.Id}']")).Should().Equal(
            farBehind["reference"]!.GetValue<string>(), farBehind["title"]!.GetValue<string>(),
            $"{farBehind["contractor"]!["name"]!.GetValue<string>()} (KvK {SeededLedger.ContractorKvk})", "Rijswijk", "werken",
            Dutch.Date(farBehind["awardedOn"]!.GetValue<string>()), Dutch.Euro(400_000m), "lopend");

        // The shell: the person, the menu for the role (no placement figures for procurement) and the sign-out form.
        (await tab.TextAsync("header")).Should().Contain("M. de Vries (inkoop)");
        (await tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link).AllInnerTextsAsync())
            .Should().Equal("Overzicht", "Contracten");
        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Contracten" }).GetAttributeAsync("aria-current")).Should().Be("page");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).IsVisibleAsync()).Should().BeTrue();
        (await tab.Page.Locator("form[action='/dashboard/uitloggen'] input[name='__RequestVerificationToken']").InputValueAsync()).Should().NotBeEmpty();
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contracten");

        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        // The table scrolls inside its own box; the page itself is no wider than the phone.
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        (await tab.Page.Locator("main .sroi-scroll").EvaluateAsync<bool>("box => box.scrollWidth > box.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-contracten-telefoon");

        tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_and_pages_are_in_the_url_change_the_rows_and_the_back_button_restores_them()
    {
        var admin = await SeedAsync();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("admin", $"/dashboard/contracten?gemeente={Paged}");

        await CaptionAsync(tab, "Contracten 1–20 van 23");
        (await ReferencesAsync(tab)).Should().Equal(await ApiReferencesAsync(admin, $"municipality={Paged}&page=1"));
        (await tab.Page.GetByLabel("Gemeente (CBS-code)").InputValueAsync()).Should().Be(Paged);

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
        await CaptionAsync(tab, "Contracten 21–23 van 23");
        tab.Page.Url.Should().EndWith($"/dashboard/contracten?gemeente={Paged}&pagina=2");
        (await ReferencesAsync(tab)).Should().Equal(await ApiReferencesAsync(admin, $"municipality={Paged}&page=2"));

        await tab.Page.GetByLabel("Categorie").SelectOptionAsync("diensten");
        await CaptionAsync(tab, "Contracten 1–5 van 5");
        tab.Page.Url.Should().EndWith($"/dashboard/contracten?categorie=diensten&gemeente={Paged}");
        (await ReferencesAsync(tab)).Should().Equal(await ApiReferencesAsync(admin, $"municipality={Paged}&category=diensten"));
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GetByLabel("Status").SelectOptionAsync("completed");
        await tab.Page.GetByText("Geen contracten gevonden die aan uw keuzes voldoen.").WaitForAsync();
        tab.Page.Url.Should().EndWith($"/dashboard/contracten?status=completed&categorie=diensten&gemeente={Paged}");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // Typed values apply with "Zoek" and are in the URL.
        await tab.Page.GetByLabel("Status").SelectOptionAsync("");
        await CaptionAsync(tab, "Contracten 1–5 van 5");
        await tab.Page.GetByLabel("Zoeken", new() { Exact = true }).FillAsync("Haagweg");
        await tab.Page.GetByLabel("Gunningsjaar").FillAsync("2024");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Zoek", Exact = true }).ClickAsync();
        await tab.ArriveAsync($"**/dashboard/contracten?zoeken=Haagweg&categorie=diensten&gemeente={Paged}&jaar=2024");
        // The service searches (title "Herinrichting Haagweg") and filters on the award year: the rows are its answer.
        var searched = await ApiReferencesAsync(admin, $"municipality={Paged}&category=diensten&q=Haagweg&awardYear=2024");
        searched.Should().HaveCount(5);
        await CaptionAsync(tab, "Contracten 1–5 van 5");
        (await ReferencesAsync(tab)).Should().Equal(searched);
        await tab.Page.GetByLabel("Zoeken", new() { Exact = true }).FillAsync("Stationsplein");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Zoek", Exact = true }).ClickAsync();
        await tab.Page.GetByText("Geen contracten gevonden die aan uw keuzes voldoen.").WaitForAsync();
        await tab.Page.GoBackAsync();
        await CaptionAsync(tab, "Contracten 1–5 van 5");

        // A bad year is named at its field, and nothing is asked of the service.
        await tab.Page.GetByLabel("Gunningsjaar").FillAsync("1999");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Zoek", Exact = true }).ClickAsync();
        (await tab.TextAsync(".utrecht-form-field-error-message")).Should().Be("Een jaar van 2000 tot en met 2100.");
        tab.Page.Url.Should().EndWith("jaar=2024");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.GoBackAsync();
        await CaptionAsync(tab, "Contracten 1–5 van 5");
        tab.Page.Url.Should().EndWith($"/dashboard/contracten?categorie=diensten&gemeente={Paged}");
        (await tab.Page.GetByLabel("Zoeken", new() { Exact = true }).InputValueAsync()).Should().BeEmpty();
        (await tab.Page.GetByLabel("Categorie").InputValueAsync()).Should().Be("diensten");

        await tab.Page.GoBackAsync(); // the status "completed"
        await tab.Page.GoBackAsync(); // categorie=diensten, before the status
        await tab.Page.GoBackAsync(); // page 2, before the category
        await CaptionAsync(tab, "Contracten 21–23 van 23");
        tab.Page.Url.Should().EndWith($"/dashboard/contracten?gemeente={Paged}&pagina=2");
        (await tab.Page.GetByLabel("Categorie").InputValueAsync()).Should().BeEmpty();
        (await ReferencesAsync(tab)).Should().Equal(await ApiReferencesAsync(admin, $"municipality={Paged}&page=2"));

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task Signed_out_the_page_offers_the_sign_in_and_no_sign_out()
    {
        await using var tab = await site.OpenAsync();
        await tab.GoAsync("/dashboard/contracten?status=behind");

        (await tab.TextAsync("main h1")).Should().Be("Inloggen");
        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" }).GetAttributeAsync("href"))
            .Should().Be("/dashboard/inloggen?terug=%2Fdashboard%2Fcontracten%3Fstatus%3Dbehind");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).CountAsync()).Should().Be(0);
        (await tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_api_out_of_reach_is_said_in_dutch_with_a_retry()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", "/dashboard/contracten");
        await tab.Page.RouteAsync("**/api/v1/contracts?**", route => route.AbortAsync("connectionrefused"));

        await tab.Page.GetByLabel("Status").SelectOptionAsync("behind");
        var alert = tab.Page.Locator("main [role=alert]");
        await alert.WaitForAsync();
        (await alert.InnerTextAsync()).Should().Contain("De gegevens zijn niet bereikbaar").And.NotContain("Failed to fetch");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.UnrouteAllAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Opnieuw proberen" }).ClickAsync();
        await tab.Page.Locator("main caption").WaitForAsync();
        (await ReferencesAsync(tab)).Should().Equal(await ApiReferencesAsync(site.Ledger.Inkoop, "status=behind"));
    }

    private static async Task<string[]> ReferencesAsync(DashboardTab tab) =>
        [.. (await tab.Page.Locator("main tbody tr > td:first-child").AllInnerTextsAsync()).Select(DashboardTab.Text)];

    private static Task CaptionAsync(DashboardTab tab, string caption) =>
        tab.Page.Locator("main caption", new() { HasTextString = caption }).WaitForAsync();

    private static async Task<string[]> ApiReferencesAsync(HttpClient by, string query) =>
        [.. (await (await by.GetAsync($"/api/v1/contracts?{query}")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(c => c!["reference"]!.GetValue<string>())];

    /// <summary>23 contracts in <see cref="Paged"/> (5 of them services), once per site; the admin's client to read them back.</summary>
    private async Task<HttpClient> SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (SeededBy.TryGetValue(site, out var seeded)) return seeded;
            var inkoop = await site.ClientAsync("inkoop", Paged);
            for (var i = 0; i < 23; i++)
            {
                var body = ContractBodies.Registration(100_000m + i * 1_000m, kvk: ContractBodies.UniqueKvk(),
                    category: i % 5 == 0 ? "diensten" : "werken", awardedOn: $"2024-03-{i + 1:00}")
                    .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
                await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);
            }
            return SeededBy[site] = site.Admin();
        }
        finally
        {
            Seeding.Release();
        }
    }
}
