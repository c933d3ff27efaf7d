using System.Globalization;
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
/// Procurement's forms (web/src/procurement): register a contract seeing the obligation the service's rule gives before
/// saving, amend it and complete it, signed in as inkoop through the identity provider; each effect checked through the
/// API, each state with axe at desktop and phone width.
/// The inkoop person signs in through the provider of <see cref="DashboardSite.PublishedMunicipality"/>, so the contracts
/// these tests add are not Rijswijk's (the overview and the contract list count GM0603's seeded contracts exactly); that
/// municipality's published figures count placements, not contracts. It gets a policy of its own (the default monitoring
/// terms, so nothing else it holds changes), once per site, so that the preview has a policy to follow.
/// </summary>
[Collection(DashboardCollection.Name)]
public class ProcurementFormTests(DashboardSite site)
{
    private const string Municipality = DashboardSite.PublishedMunicipality;
    private static readonly SemaphoreSlim Preparing = new(1, 1);
    private static readonly Dictionary<DashboardSite, HttpClient> InkoopOf = [];

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Procurement_registers_a_contract_seeing_the_services_obligation_before_saving()
    {
        var inkoop = await InkoopAsync();
        var reference = "INK-" + ContractBodies.UniqueLetters(10).ToUpperInvariant();
        var kvk = ContractBodies.UniqueKvk();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", "/dashboard/contracten", DashboardSite.PublishedLabel);

        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Contract registreren" }), tab.BaseUrl + "/dashboard/contracten/nieuw");
        (await tab.TextAsync("main h1")).Should().Be("Contract registreren");
        (await tab.Page.TitleAsync()).Should().Be("Contract registreren — SROI-dashboard");
        (await tab.TextAsync("#voorbeeld")).Should().Be("Vul de contractwaarde en de gunningsdatum in om de verplichting te zien.");

        await tab.Page.GetByLabel("Kenmerk").FillAsync(reference);
        await tab.Page.GetByLabel("Titel").FillAsync("Onderhoud kademuren");
        await tab.Page.GetByLabel("Categorie").SelectOptionAsync("werken");
        await tab.Page.GetByLabel("Gunningsdatum").FillAsync(Iso(Today.AddDays(-20)));
        await tab.Page.GetByLabel("Contractwaarde").FillAsync("400.000");
        var above = await PreviewAsync(inkoop, "werken", "400000", Today.AddDays(-20));
        await PreviewShownAsync(tab, $"{Dutch.Euro(above.Decimal("obligation.amount"))} (5% van {Dutch.Euro(400_000m)})");
        above.Decimal("obligation.amount").Should().Be(20_000m);
        (await tab.TextAsync("#voorbeeld p:nth-child(2)")).Should().Be(
            $"Volgens SROI-beleid {above["obligation"]!["policyVersion"]}: 5% vanaf de drempel van {Dutch.Euro(150_000m)} voor werken.");

        // Below the threshold, as the person types on.
        await tab.Page.GetByLabel("Contractwaarde").FillAsync("100.000,50");
        await PreviewShownAsync(tab, "Geen SROI-verplichting");
        (await tab.TextAsync("#voorbeeld p:nth-child(2)")).Should().StartWith($"Geen SROI-verplichting: onder de drempel van {Dutch.Euro(150_000m)} voor werken");

        // The value that is saved: cents, through Dutch notation, exactly.
        await tab.Page.GetByLabel("Contractwaarde").FillAsync("1.234.567,89");
        var previewed = await PreviewAsync(inkoop, "werken", "1234567.89", Today.AddDays(-20));
        await PreviewShownAsync(tab, $"{Dutch.Euro(previewed.Decimal("obligation.amount"))} (5% van {Dutch.Euro(1_234_567.89m)})");
        await tab.Page.GetByLabel("KvK-nummer opdrachtnemer").FillAsync(kvk);
        await tab.Page.GetByLabel("Naam opdrachtnemer").FillAsync("Kademuur Herstel B.V.");
        await tab.Page.GetByLabel("Startdatum").FillAsync(Iso(Today.AddDays(-10)));
        await tab.Page.GetByLabel("Einddatum").FillAsync(Iso(Today.AddDays(355)));
        await tab.Page.GetByLabel("Aanbesteding").SelectOptionAsync("regional");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-registreren");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-contract-registreren-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Contract registreren" }).ClickAsync();
        await tab.ArriveAsync(new System.Text.RegularExpressions.Regex("/dashboard/contracten/[0-9a-f-]{36}$"));
        (await tab.TextAsync("main .sroi-confirmation")).Should().Be($"Contract {reference} is geregistreerd.");

        var listed = (await (await inkoop.GetAsync($"/api/v1/contracts?q={reference}")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray();
        var contract = listed.Should().ContainSingle().Subject!;
        tab.Page.Url.Should().EndWith($"/dashboard/contracten/{contract["id"]}");
        contract["reference"]!.GetValue<string>().Should().Be(reference);
        contract["title"]!.GetValue<string>().Should().Be("Onderhoud kademuren");
        contract["category"]!.GetValue<string>().Should().Be("werken");
        contract.Decimal("contractValue").Should().Be(1_234_567.89m);
        contract["contractor"]!["kvkNumber"]!.GetValue<string>().Should().Be(kvk);
        contract["contractor"]!["name"]!.GetValue<string>().Should().Be("Kademuur Herstel B.V.");
        contract["awardedOn"]!.GetValue<string>().Should().Be(Iso(Today.AddDays(-20)));
        contract["startsOn"]!.GetValue<string>().Should().Be(Iso(Today.AddDays(-10)));
        contract["endsOn"]!.GetValue<string>().Should().Be(Iso(Today.AddDays(355)));
        contract["scope"]!.GetValue<string>().Should().Be("regional");
        JsonNode.DeepEquals(contract["obligation"], previewed["obligation"]).Should().BeTrue("the contract owes what the form previewed");
        JsonNode.DeepEquals(contract["obligationBasis"], previewed["obligationBasis"]).Should().BeTrue();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bad_value_a_bad_kvk_number_and_a_used_reference_are_named_at_their_fields()
    {
        var inkoop = await InkoopAsync();
        var taken = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: ContractBodies.UniqueKvk())))
            .ShouldBeAsync(HttpStatusCode.Created);
        var reference = taken["reference"]!.GetValue<string>();
        var before = (await (await inkoop.GetAsync("/api/v1/contracts?pageSize=1")).ShouldBeAsync(HttpStatusCode.OK)).Long("total");
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", "/dashboard/contracten/nieuw", DashboardSite.PublishedLabel);
        await tab.LoadedAsync();

        await tab.Page.GetByLabel("Kenmerk").FillAsync(reference);
        await tab.Page.GetByLabel("Titel").FillAsync("Dubbel kenmerk");
        await tab.Page.GetByLabel("Contractwaarde").FillAsync("12.345,678");
        await tab.Page.GetByLabel("KvK-nummer opdrachtnemer").FillAsync("1234");
        await tab.Page.GetByLabel("Naam opdrachtnemer").FillAsync("Bouwbedrijf Test B.V.");
        await tab.Page.GetByLabel("Gunningsdatum").FillAsync("2026-01-05");
        await tab.Page.GetByLabel("Startdatum").FillAsync("2026-02-01");
        await tab.Page.GetByLabel("Einddatum").FillAsync("2026-12-31");
        var submit = tab.Page.GetByRole(AriaRole.Button, new() { Name = "Contract registreren" });

        // Three decimals: refused in Dutch before anything is sent, never rounded.
        await submit.ClickAsync();
        (await ErrorOfAsync(tab, "waarde")).Should().Be("Een bedrag heeft ten hoogste twee cijfers achter de komma (centen).");
        (await tab.Page.EvaluateAsync<string>("() => document.activeElement.closest('.sroi-error-summary') ? 'samenvatting' : ''")).Should().Be("samenvatting");

        // The KvK number: checked in the page as the service checks it (8 digits), in Dutch, before anything is sent
        // (issue 20's hostile run: the page used to send it and show the service's English).
        await tab.Page.GetByLabel("Contractwaarde").FillAsync("12.345,67");
        await submit.ClickAsync();
        await tab.Page.Locator("#kvk-fout").WaitForAsync();
        (await ErrorOfAsync(tab, "kvk")).Should().Be("Een KvK-nummer heeft precies 8 cijfers.");
        (await tab.Page.Locator("#waarde-fout").CountAsync()).Should().Be(0);
        (await tab.Page.GetByLabel("KvK-nummer opdrachtnemer").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // The reference is already used in the municipality: named at the reference.
        await tab.Page.GetByLabel("KvK-nummer opdrachtnemer").FillAsync(ContractBodies.UniqueKvk());
        await submit.ClickAsync();
        await tab.Page.Locator("#kenmerk-fout").WaitForAsync();
        // Only the service knows the municipality's references: its 400 at the field, in Dutch (forms/serviceTexts.ts).
        (await ErrorOfAsync(tab, "kenmerk")).Should().Be("Dit kenmerk is in uw gemeente al gebruikt voor een ander contract.");
        (await tab.Page.Locator(".sroi-error-summary a[href='#kenmerk']").InnerTextAsync()).Should().Be("Kenmerk");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-registreren-fouten");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();

        (await (await inkoop.GetAsync("/api/v1/contracts?pageSize=1")).ShouldBeAsync(HttpStatusCode.OK)).Long("total")
            .Should().Be(before, "nothing refused was registered");
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Procurement_amends_and_then_completes_a_contract_with_the_version_it_read()
    {
        var inkoop = await InkoopAsync();
        var registered = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: ContractBodies.UniqueKvk(),
                awardedOn: Iso(Today.AddDays(-60))).With("startsOn", Iso(Today.AddDays(-50))).With("endsOn", Iso(Today.AddDays(300)))))
            .ShouldBeAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", $"/dashboard/contracten/{id}/wijzigen", DashboardSite.PublishedLabel);
        await tab.LoadedAsync();

        (await tab.TextAsync("main h1")).Should().Be("Contract wijzigen");
        (await tab.TextAsync("[data-veld='huidige-waarde']")).Should().Be(Dutch.Euro(200_000m));
        await tab.Page.GetByLabel("Soort wijziging").SelectOptionAsync("meerwerk");
        await tab.Page.GetByLabel("Bedrag van de wijziging").FillAsync("50.000,25");
        var preview = await (await inkoop.GetAsync($"/api/v1/contracts/{id}/obligation-preview?contractValue=250000.25")).ShouldBeAsync(HttpStatusCode.OK);
        (await tab.TextAsync("[data-veld='nieuwe-waarde']")).Should().Be(Dutch.Euro(250_000.25m));
        await PreviewShownAsync(tab, $"{Dutch.Euro(preview.Decimal("obligation.amount"))} (5% van {Dutch.Euro(250_000.25m)})");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync(Iso(Today.AddDays(-5)));
        await tab.Page.GetByLabel("Reden").FillAsync("Meerwerk: extra kademuur");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-wijzigen");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-contract-wijzigen-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wijziging vastleggen" }).ClickAsync();
        await tab.ArriveAsync($"**/dashboard/contracten/{id}");
        (await tab.TextAsync("main .sroi-confirmation")).Should().Be($"De wijziging is vastgelegd: de contractwaarde is nu {Dutch.Euro(250_000.25m)}.");
        var amended = await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        amended.Decimal("contractValue").Should().Be(250_000.25m);
        JsonNode.DeepEquals(amended["obligation"], preview["obligation"]).Should().BeTrue("the contract owes what the form previewed");
        var amendment = amended["amendments"]!.AsArray().Should().ContainSingle().Subject!;
        amendment.Decimal("previousValue").Should().Be(200_000m);
        amendment["effectiveOn"]!.GetValue<string>().Should().Be(Iso(Today.AddDays(-5)));
        amendment["reason"]!.GetValue<string>().Should().Be("Meerwerk: extra kademuur");

        // Completion: a date, then a confirmation step, then the contract is completed.
        await tab.GoAsync($"/dashboard/contracten/{id}/afronden");
        (await tab.TextAsync("main h1")).Should().Be("Contract afronden");
        await tab.Page.GetByLabel("Datum einde werk").FillAsync(Iso(Today.AddDays(-1)));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Afronden", Exact = true }).ClickAsync();
        (await tab.TextAsync("#bevestig-kop")).Should().Be("Weet u het zeker?");
        (await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .Should().Be("active", "nothing is sent before the confirmation");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-afronden");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.SetViewportSizeAsync(1280, 900);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Ja, contract afronden" }).ClickAsync();
        await tab.ArriveAsync($"**/dashboard/contracten/{id}");
        (await tab.TextAsync("main .sroi-confirmation")).Should().Be($"Contract {registered["reference"]} is afgerond per {Dutch.Date(Iso(Today.AddDays(-1)))}.");
        var completed = await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        completed["status"]!.GetValue<string>().Should().Be("completed");
        completed["completedOn"]!.GetValue<string>().Should().Be(Iso(Today.AddDays(-1)));
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task A_change_made_meanwhile_by_someone_else_is_said_and_not_overwritten()
    {
        var inkoop = await InkoopAsync();
        var registered = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(300_000m, kvk: ContractBodies.UniqueKvk())))
            .ShouldBeAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", $"/dashboard/contracten/{id}/wijzigen", DashboardSite.PublishedLabel);
        await tab.LoadedAsync();
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 310_000m, ["effectiveOn"] = "2024-06-01", ["reason"] = "Meerwerk elders vastgelegd" })).ShouldBeAsync(HttpStatusCode.OK);

        await tab.Page.GetByLabel("Soort wijziging").SelectOptionAsync("minderwerk");
        await tab.Page.GetByLabel("Bedrag van de wijziging").FillAsync("10.000");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2024-07-01");
        await tab.Page.GetByLabel("Reden").FillAsync("Minderwerk bestrating");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wijziging vastleggen" }).ClickAsync();
        await tab.Page.Locator(".sroi-error-summary").WaitForAsync();
        (await tab.TextAsync(".sroi-error-summary")).Should().Contain("Iemand anders heeft dit intussen gewijzigd.");
        (await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK)).Decimal("contractValue").Should().Be(310_000m);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
    }

    /// <summary>Waits for the preview to say <paramref name="amount"/> (it is asked a moment after the last keystroke).</summary>
    private static async Task PreviewShownAsync(DashboardTab tab, string amount) =>
        await tab.Page.WaitForFunctionAsync(
            "expected => document.querySelector('#voorbeeld .sroi-preview__amount')?.textContent.replace(/[\\u00a0\\u202f]/g, ' ') === expected", amount);

    private static async Task<string> ErrorOfAsync(DashboardTab tab, string control) => await tab.TextAsync($"#{control}-fout");

    private static async Task<JsonNode> PreviewAsync(HttpClient inkoop, string category, string value, DateOnly awardedOn) =>
        await (await inkoop.GetAsync($"/api/v1/contracts/obligation-preview?category={category}&contractValue={value}&awardedOn={Iso(awardedOn)}"))
            .ShouldBeAsync(HttpStatusCode.OK);

    /// <summary>The municipality's inkoop key, once its policy is in place (5% from € 150.000, the default monitoring terms).</summary>
    private async Task<HttpClient> InkoopAsync()
    {
        await Preparing.WaitAsync();
        try
        {
            if (InkoopOf.TryGetValue(site, out var prepared)) return prepared;
            var policies = await (await site.Admin().GetAsync($"/api/v1/sroi-policies?municipality={Municipality}")).ShouldBeAsync(HttpStatusCode.OK);
            // Its own version, whatever else the municipality has (SettlementPsoTests adds one from 2090).
            if (policies.AsArray().All(p => p!["effectiveFrom"]!.GetValue<string>() != "2020-01-01"))
                await (await site.Admin().PostJsonAsync("/api/v1/sroi-policies", new JsonObject
                {
                    ["municipality"] = Municipality, ["effectiveFrom"] = "2020-01-01", ["percentage"] = 5,
                    ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
                    ["description"] = "Testbeleid: 5% vanaf € 150.000",
                })).ShouldBeAsync(HttpStatusCode.Created);
            return InkoopOf[site] = await site.ClientAsync("inkoop", Municipality);
        }
        finally
        {
            Preparing.Release();
        }
    }
}
