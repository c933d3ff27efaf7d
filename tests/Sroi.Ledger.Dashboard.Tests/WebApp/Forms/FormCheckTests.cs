using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp.Forms;

/// <summary>
/// Issue 20's hostile run, P3 and P8. Each form sent empty names every field it needs, in Dutch, at the field and in the
/// error summary, and sends nothing (the requests counted with Playwright's Request event); a double click or a double
/// Enter on a save sends one POST and the service records one change (checked through the API). The writes are
/// procurement's, in <see cref="DashboardSite.PublishedMunicipality"/> with fresh contracts of this class (that
/// municipality's published figures count placements, not contracts); Rijswijk's seeded contracts are only opened.
/// </summary>
[Collection(DashboardCollection.Name)]
public class FormCheckTests(DashboardSite site)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Procurements_forms_sent_empty_name_every_field_in_dutch_and_send_nothing()
    {
        var contract = $"/dashboard/contracten/{site.Ledger.FarBehind.Id}";
        await using var tab = await site.OpenAsync();
        var posts = FormAccessTests.CountPosts(tab);
        await tab.SignInAsync("inkoop", "/dashboard/contracten/nieuw");
        await tab.LoadedAsync();
        await EmptyAsync(tab, "Contract registreren", new()
        {
            ["kenmerk"] = "Vul dit in.", ["titel"] = "Vul dit in.", ["waarde"] = "Vul een bedrag in.", ["kvk"] = "Vul dit in.",
            ["opdrachtnemer"] = "Vul dit in.", ["gunning"] = "Vul een datum in.", ["start"] = "Vul een datum in.", ["einde"] = "Vul een datum in.",
        });
        await tab.ScreenshotAsync("web-contract-registreren-leeg");

        // The bounds the service checks, named in the page too: a KvK number of 7 digits, an end before the start.
        await tab.Page.GetByLabel("KvK-nummer opdrachtnemer").FillAsync("1234567");
        await tab.Page.GetByLabel("Startdatum").FillAsync("2026-03-01");
        await tab.Page.GetByLabel("Einddatum").FillAsync("2026-02-01");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Contract registreren", Exact = true }).ClickAsync();
        await tab.Page.Locator("#kvk-fout", new() { HasTextString = "precies 8 cijfers" }).WaitForAsync();
        (await tab.TextAsync("#kvk-fout")).Should().Be("Een KvK-nummer heeft precies 8 cijfers.");
        (await tab.TextAsync("#einde-fout")).Should().Be("Het contract kan niet eindigen voordat het begint.");

        await tab.GoAsync($"{contract}/wijzigen");
        await EmptyAsync(tab, "Wijziging vastleggen", new()
        {
            ["bedrag"] = "Vul een bedrag in.", ["ingang"] = "Vul een datum in.", ["reden"] = "Vul dit in.",
        });

        await tab.GoAsync($"{contract}/afronden");
        await EmptyAsync(tab, "Afronden", new() { ["einddatum"] = "Vul de datum in waarop het werk is geëindigd." });

        posts.Should().BeEmpty("nothing is sent while a field is wrong");
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_report_and_the_wsps_candidate_forms_sent_empty_name_every_field_in_dutch_and_send_nothing()
    {
        await using (var contractor = await site.OpenAsync())
        {
            var posts = FormAccessTests.CountPosts(contractor);
            await contractor.SignInAsync("opdrachtnemer-12345678", $"/dashboard/contracten/{site.Ledger.FarBehind.Id}/rapporteren");
            await contractor.Page.GetByRole(AriaRole.Button, new() { Name = "Rapportage opslaan" }).WaitForAsync();
            await EmptyAsync(contractor, "Rapportage opslaan", new()
            {
                ["uren-per-week"] = "Vul een aantal in.", ["periode-van"] = "Vul een datum in.", ["periode-tot"] = "Vul een datum in.",
                ["doelgroep"] = "Kies de doelgroep.",
            });
            posts.Should().BeEmpty();
            contractor.Errors.Should().BeEmpty();
        }

        await using var tab = await site.OpenAsync();
        var sent = FormAccessTests.CountPosts(tab);
        await tab.SignInAsync("wsp", "/dashboard/kandidaten/nieuw");
        await tab.LoadedAsync();
        await EmptyAsync(tab, "Kandidaat registreren", new()
        {
            ["nummer"] = "Vul het kandidaatnummer in.", ["geregistreerd-op"] = "Vul een datum in.", ["trede"] = "Kies de trede.",
            ["doelgroep"] = "Kies de doelgroep.",
        });
        sent.Should().BeEmpty();

        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = $"K-{Random.Shared.Next(10_000_000, 100_000_000)}";
        await (await wsp.PostJsonAsync("/api/v1/candidates", new JsonObject
        {
            ["candidateNumber"] = number, ["municipality"] = SeededLedger.Municipality, ["registeredOn"] = "2026-01-05", ["trede"] = 2,
            ["targetGroup"] = "participatiewet",
        })).ShouldBeAsync(HttpStatusCode.Created);
        await tab.GoAsync($"/dashboard/kandidaten/{number}");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Trede wijzigen" }).ClickAsync();
        await EmptyAsync(tab, "Trede vastleggen", new()
        {
            ["trede-nieuw"] = "Kies de nieuwe trede.", ["trede-per"] = "Vul een datum in.", ["trede-reden"] = "Vul dit in.",
        });
        sent.Should().BeEmpty("nothing is sent while a field is wrong");
        (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK))["treden"]!.AsArray().Should().HaveCount(1);
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_candidates_fact_and_programme_forms_sent_empty_name_every_field_in_dutch_and_send_nothing()
    {
        // A candidate on a programme with one outcome, so that every form of the page's facts and programmes opens.
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = $"K-{Random.Shared.Next(10_000_000, 100_000_000)}";
        await (await wsp.PostJsonAsync("/api/v1/candidates", new JsonObject
        {
            ["candidateNumber"] = number, ["municipality"] = SeededLedger.Municipality, ["registeredOn"] = "2026-01-05", ["trede"] = 2,
            ["targetGroup"] = "participatiewet", ["benefitSince"] = "2025-06-01",
        })).ShouldBeAsync(HttpStatusCode.Created);
        var code = $"leeg-{Random.Shared.Next(100_000, 1_000_000)}";
        await (await wsp.PostJsonAsync("/api/v1/programmes", new JsonObject
        {
            ["municipality"] = SeededLedger.Municipality, ["code"] = code, ["name"] = "Werkfit", ["startsOn"] = "2025-01-01",
            ["outcomes"] = new JsonArray("first-talk", "activated"),
        })).ShouldBeAsync(HttpStatusCode.Created);
        var programme = $"/api/v1/candidates/{number}/programmes/{code}";
        await (await wsp.PostJsonAsync($"{programme}/enrolment", new JsonObject { ["enrolledOn"] = "2026-03-02" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"{programme}/outcomes", new JsonObject { ["outcome"] = "first-talk", ["on"] = "2026-03-10" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var version = (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK)).Long("version");

        await using var tab = await site.OpenAsync();
        var sent = FormAccessTests.CountPosts(tab);
        await tab.SignInAsync("wsp", $"/dashboard/kandidaten/{number}");
        await tab.LoadedAsync();
        await OpenedEmptyAsync(tab, "Wet van de uitkering wijzigen", "Wet vastleggen", new()
        {
            ["wet-nieuw"] = "Kies de wet van de uitkering.", ["wet-per"] = "Vul een datum in.",
        });
        // The WSP's service comes with the other of what holds now chosen: only the date is missing.
        await OpenedEmptyAsync(tab, "Begeleiding wijzigen", "Begeleiding vastleggen", new() { ["begeleiding-per"] = "Vul een datum in." });
        await OpenedEmptyAsync(tab, "Dagbesteding vastleggen", "Dagbesteding vastleggen", new()
        {
            ["dagbesteding-nieuw"] = "Kies wat de kandidaat overdag doet.", ["dagbesteding-per"] = "Vul een datum in.",
        });
        await OpenedEmptyAsync(tab, "Inschrijven op traject", "Inschrijving vastleggen", new()
        {
            ["traject-code"] = "Kies een traject.", ["traject-in"] = "Vul een datum in.",
        });
        await OpenedEmptyAsync(tab, $"Resultaat vastleggen: Werkfit ({code})", "Resultaat vastleggen", new()
        {
            ["resultaat-code"] = "Kies een resultaat.", ["resultaat-op"] = "Vul een datum in.",
        });
        await OpenedEmptyAsync(tab, $"Intrekken: resultaat first-talk op 10-03-2026 ({code})", "Resultaat intrekken", new()
        {
            ["intrekking-reden"] = "Vul dit in.",
        });
        await OpenedEmptyAsync(tab, $"Inschrijving beëindigen: Werkfit ({code})", "Einde vastleggen", new()
        {
            ["uitschrijving-op"] = "Vul een datum in.", ["uitschrijving-reden"] = "Vul dit in.",
        });

        sent.Should().BeEmpty("nothing is sent while a field is wrong");
        (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK)).Long("version").Should().Be(version);
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    /// <summary>
    /// Session 29's hostile run, N2, N4 and N5 on the act's form: opened with Enter, its heading has the focus; a date
    /// outside the service's bounds is refused at the field naming them (nothing sent); a date before the registration
    /// is the service's 422, said in Dutch at the date (not the generic sentence).
    /// </summary>
    [Fact]
    public async Task The_acts_form_takes_the_focus_checks_the_date_bounds_and_says_the_order_rules_in_dutch()
    {
        var wsp = await site.ClientAsync("wsp", SeededLedger.Municipality);
        var number = $"K-{Random.Shared.Next(10_000_000, 100_000_000)}";
        await (await wsp.PostJsonAsync("/api/v1/candidates", new JsonObject
        {
            ["candidateNumber"] = number, ["municipality"] = SeededLedger.Municipality, ["registeredOn"] = "2026-01-05", ["trede"] = 2,
            ["targetGroup"] = "participatiewet", ["benefitSince"] = "2025-06-01",
        })).ShouldBeAsync(HttpStatusCode.Created);

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/kandidaten/{number}");
        await tab.LoadedAsync();
        // N4: Enter on the opener; the opened form's heading has the focus, not <body>.
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wet van de uitkering wijzigen", Exact = true }).FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.Locator("#wet-kop").WaitForAsync();
        (await tab.Page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("wet-kop");

        // N5: out of the service's bounds, either side: said at the field, nothing sent.
        var sent = FormAccessTests.CountPosts(tab);
        await tab.Page.GetByLabel("Wet van de uitkering", new() { Exact = true }).SelectOptionAsync("ioaz");
        foreach (var day in new[] { "1800-01-01", "3000-01-01" })
        {
            await tab.Page.GetByLabel("Ingangsdatum").FillAsync(day);
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wet vastleggen", Exact = true }).ClickAsync();
            await tab.Page.Locator("#wet-per-fout").WaitForAsync();
            (await tab.TextAsync("#wet-per-fout")).Should().Be("Kies een datum van 01-01-1900 tot en met 31-12-2999.", day);
        }
        sent.Should().BeEmpty();

        // N2: before the registration: the service's rule, in Dutch at the date.
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync("2025-12-01");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wet vastleggen", Exact = true }).ClickAsync();
        await tab.Page.Locator("#wet-per-fout", new() { HasTextString = "registratie" }).WaitForAsync();
        (await tab.TextAsync("#wet-per-fout")).Should().StartWith("De wijziging van de wet kan niet ingaan vóór de registratie van de kandidaat.");
        (await tab.TextAsync("main")).Should().NotContain("SROI-beleid");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().OnlyContain(r => r.StartsWith($"422 /api/v1/candidates/{number}", StringComparison.Ordinal));
    }

    /// <summary>Opens a form of the candidate's page, sends it empty (see <see cref="EmptyAsync"/>) and closes it again.</summary>
    private static async Task OpenedEmptyAsync(DashboardTab tab, string opener, string button, Dictionary<string, string> expected)
    {
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = opener, Exact = true }).ClickAsync();
        await EmptyAsync(tab, button, expected);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Annuleren", Exact = true }).ClickAsync();
        await tab.Page.Locator(".sroi-error-summary").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task A_double_click_and_a_double_enter_on_a_save_send_one_post_and_the_service_records_one_change()
    {
        var inkoop = await site.ClientAsync("inkoop", DashboardSite.PublishedMunicipality);
        var registered = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: ContractBodies.UniqueKvk(),
                awardedOn: Iso(Today.AddDays(-60)))
            .With("startsOn", Iso(Today.AddDays(-50))).With("endsOn", Iso(Today.AddDays(300)))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Eigen percentage voor deze test" })))
            .ShouldBeAsync(HttpStatusCode.Created);
        var id = registered["id"]!.GetValue<string>();

        await using var tab = await site.OpenAsync();
        var posts = FormAccessTests.CountPosts(tab);
        await tab.SignInAsync("inkoop", $"/dashboard/contracten/{id}/wijzigen", DashboardSite.PublishedLabel);
        await tab.LoadedAsync();
        await tab.Page.GetByLabel("Bedrag van de wijziging").FillAsync("1.000");
        await tab.Page.GetByLabel("Ingangsdatum").FillAsync(Iso(Today.AddDays(-5)));
        await tab.Page.GetByLabel("Reden").FillAsync("Meerwerk: dubbelklik");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Wijziging vastleggen" }).DblClickAsync();
        await tab.ArriveAsync($"**/dashboard/contracten/{id}");
        posts.Should().Equal($"{tab.BaseUrl}/api/v1/contracts/{id}/amendments");
        var amended = await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        amended.Decimal("contractValue").Should().Be(201_000m);
        amended["amendments"]!.AsArray().Should().ContainSingle();

        // A double Enter in the registration form: one POST, one contract more.
        var before = (await (await inkoop.GetAsync("/api/v1/contracts?pageSize=1")).ShouldBeAsync(HttpStatusCode.OK)).Long("total");
        posts.Clear();
        await tab.GoAsync("/dashboard/contracten/nieuw");
        var reference = $"DUBBEL-{Random.Shared.Next(100_000, 1_000_000)}";
        await tab.Page.GetByLabel("Kenmerk").FillAsync(reference);
        await tab.Page.GetByLabel("Titel").FillAsync("Dubbel Enter");
        await tab.Page.GetByLabel("Contractwaarde").FillAsync("100.000");
        await tab.Page.GetByLabel("KvK-nummer opdrachtnemer").FillAsync(ContractBodies.UniqueKvk());
        await tab.Page.GetByLabel("Naam opdrachtnemer").FillAsync("Bouwbedrijf Dubbel B.V.");
        await tab.Page.GetByLabel("Gunningsdatum").FillAsync(Iso(Today.AddDays(-30)));
        await tab.Page.GetByLabel("Startdatum").FillAsync(Iso(Today.AddDays(-20)));
        await tab.Page.GetByLabel("Einddatum").FillAsync(Iso(Today.AddDays(200)));
        await tab.Page.GetByLabel("SROI-verplichting", new() { Exact = true }).SelectOptionAsync("percentage");
        await tab.Page.GetByLabel("Percentage", new() { Exact = true }).FillAsync("5");
        // A reason, so the save does not depend on whether another class gave GM9001 a policy yet (without one, or below its
        // threshold, an own percentage needs one: 422, and the page stays; the order of the classes decided it).
        await tab.Page.GetByLabel("Toelichting (pas toe of leg uit)").FillAsync("Eigen percentage voor deze test");
        // Two Enters from the keyboard, as a person gives them: the second goes wherever the focus is by then (a save
        // that already moved on leaves no field to find, which a locator's press would wait for).
        await tab.Page.GetByLabel("Titel").FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.Page.Keyboard.PressAsync("Enter");
        await tab.ArriveAsync("**/dashboard/contracten/*-*");
        posts.Should().Equal($"{tab.BaseUrl}/api/v1/contracts");
        (await (await inkoop.GetAsync("/api/v1/contracts?pageSize=1")).ShouldBeAsync(HttpStatusCode.OK)).Long("total").Should().Be(before + 1);
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    /// <summary>Sends the form empty: each named field shows its Dutch message (and the summary links it); axe finds nothing.</summary>
    private static async Task EmptyAsync(DashboardTab tab, string button, Dictionary<string, string> expected)
    {
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await tab.Page.Locator(".sroi-error-summary").WaitForAsync();
        foreach (var (id, dutch) in expected)
        {
            (await tab.TextAsync($"#{id}-fout")).Should().Be(dutch, id);
            (await tab.Page.Locator($"#{id}").GetAttributeAsync("aria-invalid")).Should().Be("true", id);
            (await tab.Page.Locator($".sroi-error-summary a[href='#{id}']").CountAsync()).Should().Be(1, id);
        }
        (await tab.Page.Locator(".sroi-error-summary span[lang='en']").CountAsync()).Should().Be(0, "the page has Dutch for all of it");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty(button);
    }
}
