using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Fulfilments;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The contractor's pages (web/src/reporting), signed in through the identity provider as its second contractor
/// (opdrachtnemer-23456789), on Rijswijk contracts each test registers for that KvK number through the API, so the
/// seeded ledger and the first contractor's figures stay as the other tests expect them. Every effect is checked in
/// GET …/fulfilments: a report made in the page is there with the kind, the values as typed and the value the page showed.
/// </summary>
[Collection(DashboardCollection.Name)]
public class ReportingTests(DashboardSite site)
{
    private const string Account = "opdrachtnemer-23456789";
    private const string Kvk = "23456789";

    private static readonly string Start = Iso(Today.PlusDays(-90));
    private static readonly string End = Iso(Today.PlusDays(-30));

    private Task<ContractUnderReport> ContractAsync() =>
        FulfilmentBodies.ContractAsync(site, 200_000m, Iso(Today.PlusDays(-100)), Iso(Today.PlusDays(265)), Iso(Today.PlusDays(-130)), kvk: Kvk);

    private static string Candidate() => "K-" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'x');

    [Fact]
    public async Task The_contractor_reports_one_of_each_kind_and_sees_the_value_the_service_computed()
    {
        var contract = await ContractAsync();
        var candidates = Enumerable.Range(0, 4).Select(_ => Candidate()).ToArray();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync(Account, $"/dashboard/contracten/{contract.Id}/rapporteren");
        (await tab.Page.TitleAsync()).Should().Be("Rapporteren — SROI-dashboard");
        (await tab.TextAsync("main h1")).Should().Be("Rapporteren");
        (await tab.TextAsync("main .utrecht-paragraph--lead")).Should().Contain("gemeente Rijswijk");

        // Each kind's form, filled in Dutch notation; the explanation names the table in force and the kind's blocks.
        var shown = new List<string>();
        await ReportAsync(tab, "employment", shown, async () =>
        {
            await Fill(tab, "Kandidaatnummer (optioneel)", candidates[0]);
            await tab.Page.GetByLabel("Doelgroep", new() { Exact = true }).SelectOptionAsync("participatiewet");
            await PeriodAsync(tab, "32,5");
            await tab.Page.GetByLabel("De kandidaat is 55 jaar of ouder").CheckAsync();
            (await tab.TextAsync(".sroi-table-in-force")).Should().Contain("Participatiewet (bijstand): € 40.000,00 per jaar, ten hoogste 24 maanden per kandidaat")
                .And.Contain("uren per week / 36").And.Contain("55 jaar of ouder € 10.000,00");
            (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
            await tab.ScreenshotAsync("web-rapporteren");
        });
        await ReportAsync(tab, "internship", shown, async () =>
        {
            await Fill(tab, "Kandidaatnummer (optioneel)", candidates[1]);
            await tab.Page.GetByLabel("Niveau van de stage", new() { Exact = true }).SelectOptionAsync("vso");
            await PeriodAsync(tab, "24");
        });
        await ReportAsync(tab, "bbl", shown, async () =>
        {
            await Fill(tab, "Kandidaatnummer (optioneel)", candidates[2]);
            await tab.Page.GetByLabel("Mbo-niveau", new() { Exact = true }).SelectOptionAsync("2");
            await PeriodAsync(tab, "36");
            await tab.Page.GetByLabel("De kandidaat heeft een arbeidsbeperking").CheckAsync();
        });
        await ReportAsync(tab, "work-experience", shown, async () =>
        {
            await Fill(tab, "Kandidaatnummer (optioneel)", candidates[3]);
            await PeriodAsync(tab, "20");
            (await tab.TextAsync(".sroi-table-in-force")).Should().Contain("Werkervaringsplaats: geen bouwblok in deze tabel");
        });
        var invoice = "F-" + Guid.NewGuid().ToString("N")[..8];
        await ReportAsync(tab, "social-procurement", shown, async () =>
        {
            await Fill(tab, "KvK-nummer van de leverancier", "87654321");
            await Fill(tab, "Naam van de leverancier", "De Groene Werkplaats B.V.");
            await tab.Page.GetByLabel("Erkenning van de leverancier", new() { Exact = true }).SelectOptionAsync("social-enterprise-nl");
            await Fill(tab, "Factuurnummer", invoice);
            await Fill(tab, "Factuurdatum", Start);
            await Fill(tab, "Bedrag exclusief btw", "€ 4.250,50");
            (await tab.TextAsync(".sroi-table-in-force")).Should().Contain("Social Enterprise NL: 50% van het bedrag");
        });
        await ReportAsync(tab, "training", shown, async () =>
        {
            await Fill(tab, "Omschrijving", "VCA-opleiding voor twee medewerkers");
            await Fill(tab, "Kosten", "1.234,56");
            await Fill(tab, "Datum (optioneel)", End);
        });
        await ReportAsync(tab, "social-activity", shown, async () =>
        {
            await Fill(tab, "Omschrijving", "Gastlessen op het vso");
            await Fill(tab, "Aantal uren", "12,5");
            (await tab.TextAsync(".sroi-table-in-force")).Should().Contain("geen waarde");
        }, saved: async () =>
        {
            (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
            await tab.ScreenshotAsync("web-rapporteren-opgeslagen");
            await tab.Page.SetViewportSizeAsync(390, 844);
            (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
            (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
            await tab.ScreenshotAsync("web-rapporteren-opgeslagen-telefoon");
            await tab.Page.SetViewportSizeAsync(1280, 900);
        });

        var reports = (await site.Ledger.GetAsync($"{contract.Url}/fulfilments", contract.Wsp))["items"]!.AsArray();
        reports.Select(r => r!["kind"]!.GetValue<string>()).Should().Equal(
            "employment", "internship", "bbl", "work-experience", "social-procurement", "training", "social-activity");
        reports.Select(r => r!["status"]!.GetValue<string>()).Should().AllBe("pending");
        reports.Select(r => r!["reportedBy"]!.GetValue<string>()).Should().AllBe("opdrachtnemer");
        reports.Select(r => Dutch.Euro(r!.Decimal("value"))).Should().Equal(shown, "the page shows the value the service computed");
        reports.Take(3).Select(r => r!.Decimal("value")).Should().OnlyContain(v => v > 0);

        var employment = reports[0]!["report"]!;
        employment["candidateNumber"]!.GetValue<string>().Should().Be(candidates[0]);
        employment["targetGroup"]!.GetValue<string>().Should().Be("participatiewet");
        employment.Decimal("hoursPerWeek").Should().Be(32.5m);
        employment["periodStart"]!.GetValue<string>().Should().Be(Start);
        employment["periodEnd"]!.GetValue<string>().Should().Be(End);
        employment["age55Plus"]!.GetValue<bool>().Should().BeTrue();
        employment["workLimitation"]!.GetValue<bool>().Should().BeFalse();
        reports[1]!["report"]!["level"]!.GetValue<string>().Should().Be("vso");
        reports[2]!["report"]!["level"]!.GetValue<string>().Should().Be("2");
        reports[2]!["report"]!["workLimitation"]!.GetValue<bool>().Should().BeTrue();
        reports[3]!["report"]!.Decimal("hoursPerWeek").Should().Be(20m);
        var purchase = reports[4]!["report"]!;
        purchase.Decimal("amountExclVat").Should().Be(4_250.50m);
        purchase["invoiceNumber"]!.GetValue<string>().Should().Be(invoice);
        purchase["supplier"]!["recognition"]!.GetValue<string>().Should().Be("social-enterprise-nl");
        reports[4]!.Decimal("value").Should().Be(2_125.25m, "50% of € 4.250,50");
        reports[5]!["report"]!.Decimal("cost").Should().Be(1_234.56m);
        reports[5]!["report"]!["date"]!.GetValue<string>().Should().Be(End);
        reports[5]!.Decimal("value").Should().Be(1_234.56m);
        reports[6]!["report"]!.Decimal("hours").Should().Be(12.5m);

        tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_values_are_named_at_their_fields_in_dutch_and_nothing_is_written()
    {
        var contract = await ContractAsync();
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync(Account, $"/dashboard/contracten/{contract.Id}/rapporteren");
        var save = tab.Page.GetByRole(AriaRole.Button, new() { Name = "Rapportage opslaan" });

        // The form's own checks, before anything is sent: a BSN and a third decimal never leave the browser.
        await Fill(tab, "Kandidaatnummer (optioneel)", "111222333");
        await Fill(tab, "Uren per week", "32,125");
        await save.ClickAsync();
        (await ErrorAtAsync(tab, "kandidaatnummer")).Should().StartWith("Dit lijkt een BSN.");
        (await ErrorAtAsync(tab, "uren-per-week")).Should().Be("Ten hoogste twee cijfers achter de komma.");
        // The fields left empty are named with them: every field is checked before anything is sent.
        (await tab.Page.Locator(".sroi-error-summary a").AllInnerTextsAsync())
            .Should().Equal("Kandidaatnummer", "Uren per week", "Periode van", "Periode tot en met", "Doelgroep");
        (await tab.Page.EvaluateAsync<string>("() => document.activeElement.className")).Should().Contain("sroi-error-summary");

        // Every missing field is named at its control, in Dutch, by the page itself (nothing is sent).
        await Fill(tab, "Kandidaatnummer (optioneel)", "");
        await Fill(tab, "Uren per week", "");
        await save.ClickAsync();
        await tab.Page.Locator($"#doelgroep-fout").WaitForAsync();
        (await ErrorAtAsync(tab, "doelgroep")).Should().Be("Kies de doelgroep.");
        (await ErrorAtAsync(tab, "uren-per-week")).Should().Be("Vul een aantal in.");
        foreach (var id in new[] { "periode-van", "periode-tot" })
            (await ErrorAtAsync(tab, id)).Should().Be("Vul een datum in.");
        (await tab.Page.Locator("#uren-per-week").GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await tab.Page.Locator("#uren-per-week").GetAttributeAsync("aria-describedby")).Should().Contain("uren-per-week-fout");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-rapporteren-fouten");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-rapporteren-fouten-telefoon");
        await tab.Page.SetViewportSizeAsync(1280, 900);

        // A rule of the service (422) in Dutch at the field it blames: a period that ends in the future.
        await tab.Page.GetByLabel("Doelgroep", new() { Exact = true }).SelectOptionAsync("ww");
        await Fill(tab, "Uren per week", "20");
        await Fill(tab, "Periode van", Start);
        await Fill(tab, "Periode tot en met", Iso(Today.PlusDays(10)));
        await save.ClickAsync();
        await tab.Page.GetByText("Deze datum ligt in de toekomst: rapporteer alleen wat al gedaan is.").First.WaitForAsync();
        (await ErrorAtAsync(tab, "periode-tot")).Should().StartWith("Deze datum ligt in de toekomst");
        (await tab.Page.Locator("#periode-tot-fout span[lang='en']").InnerTextAsync()).Should().Contain("is in the future");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        (await site.Ledger.GetAsync($"{contract.Url}/fulfilments", contract.Wsp))["total"]!.GetValue<long>().Should().Be(0);
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_pending_report_is_corrected_in_its_filled_form_another_withdrawn_and_an_accepted_one_is_refused()
    {
        var contract = await ContractAsync();
        var pending = await contract.ReportAsync(Training(1_000m));
        var toWithdraw = await contract.ReportAsync(Training(400m));
        var accepted = await contract.ReportAsync(Training(750m));
        await contract.AcceptAsync(accepted);
        var byWsp = await contract.ReportAsync(Training(300m), contract.Wsp);
        await using var tab = await site.OpenAsync();

        // The form is filled with the report's values; the correction replaces it and is valued anew.
        await tab.SignInAsync(Account, $"/dashboard/contracten/{contract.Id}/rapportages/{pending["id"]}/corrigeren");
        (await tab.Page.TitleAsync()).Should().Be("Rapportage corrigeren — SROI-dashboard");
        (await tab.Page.GetByLabel("Soort", new() { Exact = true }).InputValueAsync()).Should().Be("training");
        (await tab.Page.GetByLabel("Omschrijving", new() { Exact = true }).InputValueAsync()).Should().Be("VCA-opleiding voor twee medewerkers");
        (await tab.Page.GetByLabel("Kosten", new() { Exact = true }).InputValueAsync()).Should().Be("1.000,00");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-rapporteren-corrigeren");
        await Fill(tab, "Kosten", "1.100,25");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Correctie opslaan" }).ClickAsync();
        await tab.Page.Locator(".sroi-valued").WaitForAsync();
        (await tab.TextAsync(".sroi-valued__value")).Should().Be(Dutch.Euro(1_100.25m));

        var reports = (await site.Ledger.GetAsync($"{contract.Url}/fulfilments", contract.Wsp))["items"]!.AsArray();
        var old = reports.Single(r => r!["id"]!.GetValue<string>() == pending["id"]!.GetValue<string>())!;
        old["status"]!.GetValue<string>().Should().Be("replaced");
        var correction = reports.Single(r => r!["replaces"] is { } replaces && replaces.GetValue<string>() == pending["id"]!.GetValue<string>())!;
        correction["status"]!.GetValue<string>().Should().Be("pending");
        correction["report"]!.Decimal("cost").Should().Be(1_100.25m);
        correction.Decimal("value").Should().Be(1_100.25m);
        old["replacedBy"]!.GetValue<string>().Should().Be(correction["id"]!.GetValue<string>());

        // Withdrawn with a reason.
        await tab.GoAsync($"/dashboard/contracten/{contract.Id}/rapportages/{toWithdraw["id"]}/corrigeren");
        await Fill(tab, "Reden van intrekken (optioneel)", "Dubbel gerapporteerd");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Rapportage intrekken" }).ClickAsync();
        await tab.Page.GetByText("De rapportage is ingetrokken en telt niet meer mee.").WaitForAsync();
        var withdrawn = await site.Ledger.GetAsync($"{contract.Url}/fulfilments/{toWithdraw["id"]}", contract.Wsp);
        withdrawn["status"]!.GetValue<string>().Should().Be("withdrawn");
        withdrawn["withdrawalReason"]!.GetValue<string>().Should().Be("Dubbel gerapporteerd");

        // An accepted report: the page says in Dutch that it is not corrected here, and offers no form.
        await tab.GoAsync($"/dashboard/contracten/{contract.Id}/rapportages/{accepted["id"]}/corrigeren");
        (await tab.TextAsync("main [role=status]")).Should().StartWith($"Deze rapportage is al geaccepteerd op {Dutch.Date(Iso(Today))} en telt mee voor het contract.")
            .And.Contain("kunt u hier niet corrigeren of intrekken");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Correctie opslaan" }).CountAsync()).Should().Be(0);
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Rapportage intrekken" }).CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-rapporteren-geaccepteerd");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        await tab.Page.SetViewportSizeAsync(1280, 900);
        (await site.Ledger.GetAsync($"{contract.Url}/fulfilments/{accepted["id"]}", contract.Wsp))["status"]!.GetValue<string>().Should().Be("accepted");

        // A rule the service holds (422), in Dutch with its own words beside: a contractor corrects only its own reports.
        await tab.GoAsync($"/dashboard/contracten/{contract.Id}/rapportages/{byWsp["id"]}/corrigeren");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Correctie opslaan" }).ClickAsync();
        await tab.Page.GetByText("U corrigeert alleen uw eigen rapportages; deze heeft de WSP vastgelegd.").First.WaitForAsync();
        (await tab.TextAsync(".sroi-error-summary")).Should().Contain("reported by the WSP");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await site.Ledger.GetAsync($"{contract.Url}/fulfilments/{byWsp["id"]}", contract.Wsp))["status"]!.GetValue<string>().Should().Be("pending");

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().Equal($"422 /api/v1/contracts/{contract.Id}/fulfilments/{byWsp["id"]}/correction");
    }

    [Fact]
    public async Task The_contract_list_shows_the_contractor_what_it_still_owes_by_when_and_where()
    {
        var contract = await ContractAsync();
        await contract.AcceptAsync(await contract.ReportAsync(Training(2_500.75m)));
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync(Account, "/dashboard/contracten");

        var expected = (await site.Ledger.GetAsync($"/api/v1/contracts?contractorKvk={Kvk}&pageSize=100", site.Admin()))["items"]!.AsArray()
            .Single(c => c!["id"]!.GetValue<string>() == contract.Id)!;
        expected.Decimal("remaining").Should().Be(7_499.25m);
        var cells = await tab.CellsAsync($"tr[data-contract='{contract.Id}']");
        cells[3].Should().Be("Rijswijk");
        cells[8..].Should().Equal(Dutch.Euro(7_499.25m), Dutch.Date(expected["endsOn"]!.GetValue<string>()),
            BalanceWords[expected["balanceStatus"]!.GetValue<string>()], "Rapporteren");
        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = $"Rapporteren voor {expected["reference"]!.GetValue<string>()}" })
            .GetAttributeAsync("href")).Should().Be($"/dashboard/contracten/{contract.Id}/rapporteren");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-rapporteren-contracten");
        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();

        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Link, new() { Name = $"Rapporteren voor {expected["reference"]!.GetValue<string>()}" }),
            $"{tab.BaseUrl}/dashboard/contracten/{contract.Id}/rapporteren");
        (await tab.TextAsync("main h1")).Should().Be("Rapporteren");
        tab.Errors.Should().BeEmpty();
    }

    private static readonly Dictionary<string, string> BalanceWords = new()
    {
        ["on-track"] = "op schema", ["behind"] = "achter", ["fulfilled"] = "voldaan", ["overdue"] = "te laat",
    };

    private static async Task ReportAsync(DashboardTab tab, string kind, List<string> shown, Func<Task> fill, Func<Task>? saved = null)
    {
        await tab.Page.GetByLabel("Soort", new() { Exact = true }).SelectOptionAsync(kind);
        await fill();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Rapportage opslaan" }).ClickAsync();
        await tab.Page.Locator(".sroi-valued").WaitForAsync();
        shown.Add(await tab.TextAsync(".sroi-valued__value"));
        if (saved is not null) await saved();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Nog een rapportage" }).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Rapportage opslaan" }).WaitForAsync();
    }

    private static async Task PeriodAsync(DashboardTab tab, string hoursPerWeek)
    {
        await Fill(tab, "Uren per week", hoursPerWeek);
        await Fill(tab, "Periode van", Start);
        await Fill(tab, "Periode tot en met", End);
    }

    private static Task Fill(DashboardTab tab, string label, string value) => tab.Page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    private static async Task<string> ErrorAtAsync(DashboardTab tab, string id) => await tab.TextAsync($"#{id}-fout");
}
