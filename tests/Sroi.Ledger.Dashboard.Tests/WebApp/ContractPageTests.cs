using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Sroi.Ledger.Api.Tests;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;
using Sroi.Ledger.Dashboard.Tests.Pages;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The web app's contract page (/dashboard/contracten/{id}), signed in through the identity provider per role: every
/// value is the API's answer for the same contract (now, or as known on a chosen moment), the progress chart's points
/// step up on the day of acceptance, the WSP reviews reports in the page (checked through GET …/fulfilments), and axe
/// finds nothing at desktop and phone width. The seeded Rijswijk ledger is only read; what is written here is written
/// in GM9001 (the second provider's municipality) on contracts of this class's own.
/// </summary>
[Collection(DashboardCollection.Name)]
public class ContractPageTests(DashboardSite site)
{
    private const string Own = DashboardSite.PublishedMunicipality;

    [Fact]
    public async Task Procurement_sees_what_the_api_knows_of_the_contract_with_its_progress_points_at_desktop_and_phone_width()
    {
        var ledger = site.Ledger;
        var contract = ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop", $"/dashboard/contracten/{contract.Id}");

        var api = await ledger.GetAsync(contract.Url);
        var balance = await ledger.GetAsync($"{contract.Url}/balance");
        var reports = (await ledger.GetAsync($"{contract.Url}/fulfilments"))["items"]!.AsArray();
        var rijswijk = await MunicipalityNameAsync(SeededLedger.Municipality);
        (await tab.TextAsync("h1")).Should().Be($"Contract {api["reference"]}");
        (await tab.Page.TitleAsync()).Should().Be($"Contract {api["reference"]} — SROI-dashboard");
        (await FigureAsync(tab, "contract", "municipality")).Should().Be(rijswijk).And.Be("Rijswijk");
        (await FigureAsync(tab, "contract", "status")).Should().Be("lopend");
        (await FigureAsync(tab, "contract", "contractor")).Should().Be($"{api["contractor"]!["name"]} (KvK {SeededLedger.ContractorKvk})");
        (await FigureAsync(tab, "contract", "contractValue")).Should().Be(Dutch.Euro(400_000m));
        // The basis in Dutch, worded from the structured fields.
        api["obligationBasis"]!["kind"]!.GetValue<string>().Should().Be("policy");
        api["obligationBasis"]!["policyVersion"]!.GetValue<string>().Should().Be("GM0603-v2");
        (await FigureAsync(tab, "verplichting", "basis")).Should().Be(
            $"5% van de contractwaarde van € 400.000,00 (beleid {rijswijk}, versie 2), omdat de waarde op of boven de drempel van " +
            $"{Dutch.Euro(api["obligationBasis"]!["threshold"]!.GetValue<decimal>())} ligt.");
        (await tab.TextAsync("#wijzigingen")).Should().Be("Geen meerwerk of minderwerk vastgelegd.");

        foreach (var field in new[] { "obligation", "accepted", "pending", "remaining" })
            (await FigureAsync(tab, "saldo", field)).Should().Be(Dutch.Euro(balance[field]!.GetValue<decimal>()));
        (await FigureAsync(tab, "saldo", "percentage")).Should().Be(Dutch.Percent(balance["percentage"]!.GetValue<decimal>()));
        (await FigureAsync(tab, "saldo", "endsOn")).Should().Be(Dutch.Date(balance["endsOn"]!.GetValue<string>()));
        (await FigureAsync(tab, "saldo", "status")).Should().Be("achter");
        (await FigureAsync(tab, "saldo", "obligation")).Should().Be("€ 20.000,00");
        (await FigureAsync(tab, "saldo", "remaining")).Should().Be("€ 19.000,00");
        (await tab.TextAsync("#afrekening")).Should().Be("Nog niet afgerekend.");

        // The chart's points are the API's reports: a step ON the day each still-accepted report was accepted.
        await ChartMatchesAsync(tab, balance, reports);
        var start = balance["startsOn"]!.GetValue<string>();
        var today = balance["asOf"]!.GetValue<string>();
        (await tab.CellsAsync("#voortgang tbody tr:first-child")).Should().Equal(Dutch.Date(start), "€ 0,00", "0,0%", "0,0%");
        (await tab.CellsAsync("#voortgang tbody tr:last-child")).Should().Equal(Dutch.Date(today), "€ 1.000,00", "5,0%", "27,3%");

        (await tab.Page.Locator("#rapportages tbody tr").CountAsync()).Should().Be(reports.Count).And.Be(3);
        await ReportsMatchAsync(tab, reports, await ReviewersAsync(ledger.Inkoop, contract.Url));
        var rejected = await tab.CellsAsync("#rapportages tbody tr:nth-child(3)");
        (rejected[6], rejected[7], rejected[8], rejected[9]).Should().Be(("afgewezen", Dutch.Date(today), "API-sleutel (WSP Rijswijk)", "Geen factuur van de opleider"));

        (await LinksAsync(tab)).Should().Equal(
            ("Wijzigen", $"/dashboard/contracten/{contract.Id}/wijzigen"), ("Afronden", $"/dashboard/contracten/{contract.Id}/afronden"));
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Accepteren" }).CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract");

        await tab.Page.SetViewportSizeAsync(390, 844);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        (await tab.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue();
        (await tab.Page.Locator("main .sroi-scroll:has(#rapportages)").EvaluateAsync<bool>("box => box.scrollWidth > box.clientWidth")).Should().BeTrue();
        await tab.ScreenshotAsync("web-contract-telefoon");

        tab.Errors.Should().BeEmpty("no script error and no Content-Security-Policy violation");
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task The_contractor_sees_its_own_contract_may_report_and_correct_its_pending_report_and_no_other_contract()
    {
        var ledger = site.Ledger;
        var own = ledger.FarBehind;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("opdrachtnemer-12345678", $"/dashboard/contracten/{own.Id}");

        var balance = await ledger.GetAsync($"{own.Url}/balance", own.Contractor);
        var reports = (await ledger.GetAsync($"{own.Url}/fulfilments", own.Contractor))["items"]!.AsArray();
        (await FigureAsync(tab, "saldo", "accepted")).Should().Be("€ 1.000,00").And.Be(Dutch.Euro(balance["accepted"]!.GetValue<decimal>()));
        (await FigureAsync(tab, "saldo", "remaining")).Should().Be(Dutch.Euro(balance["remaining"]!.GetValue<decimal>()));
        await ChartMatchesAsync(tab, balance, reports);
        // The contractor may not read the history, so the page does not ask it who reviewed: the column says nothing.
        await ReportsMatchAsync(tab, reports, reviewers: null);

        var pending = reports.Single(r => r!["status"]!.GetValue<string>() == "pending")!["id"]!.GetValue<string>();
        (await LinksAsync(tab)).Should().Equal(("Rapporteren", $"/dashboard/contracten/{own.Id}/rapporteren"));
        (await tab.Page.Locator($"tr[data-rapportage='{pending}'] a").GetAttributeAsync("href"))
            .Should().Be($"/dashboard/contracten/{own.Id}/rapportages/{pending}/corrigeren");
        (await tab.Page.GetByRole(AriaRole.Link, new() { NameString = "Corrigeren" }).CountAsync()).Should().Be(1);
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Accepteren" }).CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-opdrachtnemer");

        await tab.GoAsync($"/dashboard/contracten/{ledger.Behind.Id}");
        (await tab.TextAsync("main [role=alert]")).Should().Contain("Niet gevonden, of niet zichtbaar voor u.");
        (await tab.Page.Locator("#saldo").CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().NotBeEmpty().And.OnlyContain(r => r.StartsWith($"404 /api/v1/contracts/{ledger.Behind.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_wsp_accepts_and_rejects_reports_in_the_page_and_a_stale_version_is_refused_in_dutch()
    {
        var contract = await OwnContractAsync(reports: 4);
        var reports = contract.Reports;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/contracten/{contract.Id}", DashboardSite.PublishedLabel);

        (await FigureAsync(tab, "contract", "municipality")).Should().Be(await MunicipalityNameAsync(Own)).And.Be(Own);
        var basis = (await site.Ledger.GetAsync(contract.Url, contract.Wsp))["obligationBasis"]!;
        basis["kind"]!.GetValue<string>().Should().Be("set-by-procurement");
        basis["explanation"]!.GetValue<string>().Should().StartWith("Geen beleid vastgelegd voor deze testgemeente");
        // Whether GM9001 has a policy depends on which test class ran first (ProcurementFormTests gives it one); the page
        // names the policy the percentage replaced when there is one.
        var replaced = basis["policyVersion"]?.GetValue<string>() is { } version
            ? $" (in plaats van beleid {Own}, versie {version[(version.LastIndexOf("-v", StringComparison.Ordinal) + 2)..]})" : "";
        (await FigureAsync(tab, "verplichting", "basis")).Should().Be(
            $"5% van de contractwaarde van € 200.000,00, door inkoop zelf vastgesteld{replaced}, met als uitleg: {basis["explanation"]!.GetValue<string>()}");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Accepteren" }).CountAsync()).Should().Be(4);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        // Accept the first report, reject the second with a reason: both in the page, both in the API afterwards.
        await ReviewRow(tab, reports[0]).GetByRole(AriaRole.Button, new() { NameString = "Accepteren" }).ClickAsync();
        await tab.Page.Locator($"tr[data-rapportage='{reports[0]}'] td", new() { HasTextString = "geaccepteerd" }).WaitForAsync();
        await tab.LoadedAsync();
        await ReviewRow(tab, reports[1]).GetByRole(AriaRole.Button, new() { NameString = "Afwijzen" }).ClickAsync();
        await ReviewRow(tab, reports[1]).GetByLabel("Reden van afwijzing").FillAsync("Geen bewijs van de opleiding");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-beoordelen");
        await ReviewRow(tab, reports[1]).GetByRole(AriaRole.Button, new() { NameString = "Afwijzen" }).ClickAsync();
        await tab.Page.Locator($"tr[data-rapportage='{reports[1]}'] td", new() { HasTextString = "afgewezen" }).WaitForAsync();
        await tab.LoadedAsync();

        var after = (await site.Ledger.GetAsync($"{contract.Url}/fulfilments", contract.Wsp))["items"]!.AsArray();
        var first = after.Single(r => r!["id"]!.GetValue<string>() == reports[0])!;
        var second = after.Single(r => r!["id"]!.GetValue<string>() == reports[1])!;
        first["status"]!.GetValue<string>().Should().Be("accepted");
        (second["status"]!.GetValue<string>(), second["rejectionReason"]!.GetValue<string>()).Should().Be(("rejected", "Geen bewijs van de opleiding"));
        var reviewers = await ReviewersAsync(contract.Wsp, contract.Url);
        reviewers[reports[0]].Should().StartWith("S. Bakker (WSP");
        await ReportsMatchAsync(tab, after, reviewers);
        await ChartMatchesAsync(tab, await site.Ledger.GetAsync($"{contract.Url}/balance", contract.Wsp), after);

        // Someone else reviews the third report meanwhile: the page's version is stale, and the service refuses (412).
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{reports[2]}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        await ReviewRow(tab, reports[3]).GetByRole(AriaRole.Button, new() { NameString = "Accepteren" }).ClickAsync();
        var stale = ReviewRow(tab, reports[3]).Locator("[role=alert]");
        await stale.WaitForAsync();
        (await stale.InnerTextAsync()).Should().Contain("Iemand anders heeft dit intussen gewijzigd. Laad de pagina opnieuw en probeer het dan nog eens.");
        (await site.Ledger.GetAsync($"{contract.Url}/fulfilments/{reports[3]}", contract.Wsp))["status"]!.GetValue<string>().Should().Be("pending");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().Equal($"412 /api/v1/contracts/{contract.Id}/fulfilments/{reports[3]}/acceptance");
    }

    [Fact]
    public async Task The_auditor_sees_the_whole_page_as_known_on_a_chosen_moment_as_the_api_answers_it()
    {
        var contract = await OwnContractAsync(reports: 2);
        var (accepted, rejected) = (contract.Reports[0], contract.Reports[1]);
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{accepted}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        await Task.Delay(50); // the acceptance and the rejection are recorded at distinct moments
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{rejected}/rejection", new JsonObject { ["reason"] = "Dubbel gemeld" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await site.ClientAsync("auditor", Own);
        var history = (await site.Ledger.GetAsync($"{contract.Url}/history", auditor))["events"]!.AsArray();
        var acceptedAt = history.Single(e => e!["type"]!.GetValue<string>() == "contract.fulfilment-accepted.v1")!["recordedAt"]!.GetValue<string>();

        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("auditor", $"/dashboard/contracten/{contract.Id}", DashboardSite.PublishedLabel);
        (await LinksAsync(tab)).Should().Equal(("Geschiedenis", $"/dashboard/contracten/{contract.Id}/geschiedenis"));
        (await FigureAsync(tab, "saldo", "pending")).Should().Be("€ 0,00");

        // The moment of the acceptance, before the rejection: the URL keeps it, every part is the API's asKnownOn answer.
        await tab.GoAsync($"/dashboard/contracten/{contract.Id}?bekendOp={acceptedAt}");
        var query = $"asKnownOn={Uri.EscapeDataString(acceptedAt)}";
        var balanceThen = await site.Ledger.GetAsync($"{contract.Url}/balance?{query}", auditor);
        var reportsThen = (await site.Ledger.GetAsync($"{contract.Url}/fulfilments?{query}", auditor))["items"]!.AsArray();
        reportsThen.Select(r => r!["status"]!.GetValue<string>()).Should().Equal("accepted", "pending");
        foreach (var field in new[] { "obligation", "accepted", "pending", "remaining" })
            (await FigureAsync(tab, "saldo", field)).Should().Be(Dutch.Euro(balanceThen[field]!.GetValue<decimal>()));
        (await FigureAsync(tab, "saldo", "pending")).Should().Be("€ 1.000,00");
        await ReportsMatchAsync(tab, reportsThen, await ReviewersAsync(auditor, contract.Url, query));
        await ChartMatchesAsync(tab, balanceThen, reportsThen);
        (await tab.TextAsync("#bekend-op-melding")).Should().StartWith("U ziet dit contract zoals bekend op ");
        // The date field shows the moment's day in Amsterdam (the municipality's), not the UTC date of the instant: between
        // 23:00 and 24:00 UTC (22:00 in summer) the two differ.
        var acceptedOn = NodaTime.Text.InstantPattern.ExtendedIso.Parse(acceptedAt).Value.InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
        (await tab.Page.Locator("#bekend-op").InputValueAsync()).Should().Be(FulfilmentBodies.Iso(acceptedOn));
        (await tab.Page.GetByRole(AriaRole.Textbox, new() { Name = "Zoals bekend op", Exact = true }).GetAttributeAsync("id")).Should().Be("bekend-op");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-bekend-op");

        // A day chosen with the date field: the end of that day; the day before the contract existed is said in Dutch.
        var today = FulfilmentBodies.Today;
        await tab.Page.Locator("#bekend-op").FillAsync(FulfilmentBodies.Iso(today.PlusDays(-1)));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Toon", Exact = true }).ClickAsync();
        await tab.ArriveAsync($"**/dashboard/contracten/{contract.Id}?bekendOp={FulfilmentBodies.Iso(today.PlusDays(-1))}");
        await tab.Page.GetByText("Op het gekozen moment was dit contract nog niet vastgelegd.").WaitForAsync();
        var yesterdayEnd = today.AtStartOfDayInZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).ToInstant().Minus(NodaTime.Duration.FromMilliseconds(1));
        (await auditor.GetAsync($"{contract.Url}/balance?asKnownOn={NodaTime.Text.InstantPattern.ExtendedIso.Format(yesterdayEnd)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();

        await tab.Page.Locator("#bekend-op").FillAsync(FulfilmentBodies.Iso(today));
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Toon", Exact = true }).ClickAsync();
        await tab.ArriveAsync($"**/dashboard/contracten/{contract.Id}?bekendOp={FulfilmentBodies.Iso(today)}");
        // The page was loaded (as "not yet recorded") before this choice: wait for the new answer's reports themselves.
        await tab.Page.Locator("#rapportages tbody tr").First.WaitForAsync();
        await tab.LoadedAsync();
        var now = (await site.Ledger.GetAsync($"{contract.Url}/fulfilments", auditor))["items"]!.AsArray();
        await ReportsMatchAsync(tab, now, await ReviewersAsync(auditor, contract.Url));
        (await tab.CellsAsync($"tr[data-rapportage='{rejected}']"))[9].Should().Be("Dubbel gemeld");

        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().OnlyContain(r => r.StartsWith($"404 /api/v1/contracts/{contract.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_wsp_is_offered_the_settlement_of_an_ended_contract_and_sees_a_recorded_one()
    {
        var ledger = site.Ledger;
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp", $"/dashboard/contracten/{ledger.Overdue.Id}");
        (await LinksAsync(tab)).Should().Equal(("Afrekening vastleggen", $"/dashboard/contracten/{ledger.Overdue.Id}/afrekening"));

        await tab.GoAsync($"/dashboard/contracten/{ledger.Settled.Id}");
        var settlement = await ledger.GetAsync($"{ledger.Settled.Url}/settlement");
        (await LinksAsync(tab)).Should().BeEmpty();
        (await FigureAsync(tab, "afrekening", "outcome")).Should().Be("kwijtgescholden");
        (await FigureAsync(tab, "afrekening", "reason")).Should().Be(settlement["reason"]!.GetValue<string>()).And.Be("Overmacht: faillissement onderaannemer");
        (await FigureAsync(tab, "afrekening", "settledOn")).Should().Be(Dutch.Date(settlement["settledOn"]!.GetValue<string>()));
        (await FigureAsync(tab, "afrekening", "shortfall")).Should().Be(Dutch.Euro(settlement["shortfall"]!.GetValue<decimal>()));
        (await FigureAsync(tab, "saldo", "status")).Should().Be("afgerekend");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("web-contract-afgerekend");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    private sealed record OwnContract(string Id, HttpClient Wsp, string[] Reports)
    {
        public string Url => $"/api/v1/contracts/{Id}";
    }

    /// <summary>A running contract in <see cref="Own"/> (€ 200.000, 5% set by procurement) with pending training reports of € 1.000 each.</summary>
    private async Task<OwnContract> OwnContractAsync(int reports)
    {
        var wsp = await site.ClientAsync("wsp", Own);
        // Reports are valued with the municipality's building-block table: GM9001 gets one the first time it needs it.
        var tables = await (await wsp.GetAsync("/api/v1/building-block-tables")).ShouldBeAsync(HttpStatusCode.OK);
        if (tables.AsArray().Count == 0)
            await (await wsp.PostJsonAsync("/api/v1/building-block-tables", new JsonObject
            {
                ["effectiveFrom"] = "2020-01-01",
                ["name"] = "Testtabel contractpagina",
                ["blocks"] = new JsonArray(
                    new JsonObject { ["code"] = "participatiewet", ["valuePerYear"] = 30_000, ["capMonths"] = 24 },
                    new JsonObject { ["code"] = "work-experience", ["valuePerYear"] = 9_000, ["capMonths"] = 12 }),
                ["bonuses"] = new JsonObject { ["age55Plus"] = 15_000, ["workLimitation"] = 20_000, ["hiredAfterVsoInternship"] = 10_000 },
            })).ShouldBeAsync(HttpStatusCode.Created);
        var kvk = ContractBodies.UniqueKvk();
        var today = FulfilmentBodies.Today;
        var inkoop = await site.ClientAsync("inkoop", Own);
        var body = ContractBodies.Registration(200_000m, kvk: kvk, awardedOn: FulfilmentBodies.Iso(today.PlusDays(-130)))
            .With("startsOn", FulfilmentBodies.Iso(today.PlusDays(-100))).With("endsOn", FulfilmentBodies.Iso(today.PlusDays(265)))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var contractor = await site.ClientAsync("opdrachtnemer", Own, kvk);
        var ids = new List<string>();
        for (var i = 0; i < reports; i++)
            ids.Add((await (await contractor.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments", FulfilmentBodies.Training(1_000m)))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        return new OwnContract(id, wsp, [.. ids]);
    }

    private static ILocator ReviewRow(DashboardTab tab, string report) => tab.Page.Locator($"tr[data-rapportage='{report}']");

    private static async Task<string> FigureAsync(DashboardTab tab, string list, string field) =>
        await tab.TextAsync($"#{list} [data-veld='{field}'] dd");

    private static async Task<(string, string)[]> LinksAsync(DashboardTab tab)
    {
        var links = tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Acties voor dit contract" }).GetByRole(AriaRole.Link);
        var texts = await links.AllInnerTextsAsync();
        var hrefs = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return [.. texts.Zip(hrefs, (t, h) => (DashboardTab.Text(t), h))];
    }

    /// <summary>The name the API gives the code; the code itself for one its table lacks (the test municipality GM9001).</summary>
    private async Task<string> MunicipalityNameAsync(string code) =>
        (await site.Ledger.GetAsync("/api/v1/municipalities")).AsArray().Where(m => m!["code"]!.GetValue<string>() == code)
            .Select(m => m!["name"]!.GetValue<string>()).DefaultIfEmpty(code).Single();

    /// <summary>A field the API leaves out or sends as null (a report not yet reviewed has no reviewedOn).</summary>
    private static string? Optional(JsonNode node, string field) =>
        node.AsObject().TryGetPropertyValue(field, out var value) && value is not null ? value.GetValue<string>() : null;

    /// <summary>Report id → who reviewed it, in the history's words (the people directory's name, never a key id).</summary>
    private static async Task<Dictionary<string, string>> ReviewersAsync(HttpClient by, string url, string query = "")
    {
        var events = (await (await by.GetAsync($"{url}/history?pageSize=1000&{query}")).ShouldBeAsync(HttpStatusCode.OK))["events"]!.AsArray();
        return events.Where(e => e!["type"]!.GetValue<string>() is "contract.fulfilment-accepted.v1" or "contract.fulfilment-rejected.v1")
            .ToDictionary(e => e!["data"]!["fulfilmentId"]!.GetValue<string>(), e => e!["actorDisplay"]!.GetValue<string>());
    }

    /// <summary>Each row of the reports table is the API's report: date, kind, period, candidate, value, status, review.</summary>
    private static async Task ReportsMatchAsync(DashboardTab tab, JsonArray reports, Dictionary<string, string>? reviewers)
    {
        (await tab.Page.Locator("#rapportages tbody tr").CountAsync()).Should().Be(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i]!;
            var id = report["id"]!.GetValue<string>();
            var cells = await tab.CellsAsync($"#rapportages tbody tr:nth-child({i + 1})");
            (await tab.Page.Locator($"#rapportages tbody tr:nth-child({i + 1})").GetAttributeAsync("data-rapportage")).Should().Be(id);
            var status = report["status"]!.GetValue<string>();
            var reviewedOn = Optional(report, "reviewedOn");
            var note = Optional(report, "rejectionReason") ?? Optional(report, "reviewNote") ?? "";
            var breakdown = string.Join("\n", report["breakdown"]!.AsArray().Select(l => $"{l!["description"]}: {Dutch.Euro(l["amount"]!.GetValue<decimal>())}"));
            cells[..10].Should().Equal(
                Dutch.Date(report["reportedOn"]!.GetValue<string>()), report["kind"]!.GetValue<string>() == "training" ? "opleiding" : report["kind"]!.GetValue<string>(),
                "–", "–", Dutch.Euro(report["value"]!.GetValue<decimal>()), breakdown,
                Labels[status], reviewedOn is null ? "–" : Dutch.Date(reviewedOn),
                reviewedOn is null || reviewers is null ? "–" : reviewers[id], note);
        }
    }

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["pending"] = "in behandeling", ["accepted"] = "geaccepteerd", ["rejected"] = "afgewezen", ["withdrawn"] = "ingetrokken", ["replaced"] = "vervangen",
    };

    /// <summary>
    /// The progress table and the chart's points are the API's figures: the term's first day, each day a report still
    /// accepted was accepted (the share counts it from that day on) and the balance's day.
    /// </summary>
    private static async Task ChartMatchesAsync(DashboardTab tab, JsonNode balance, JsonArray reports)
    {
        var obligation = balance["obligation"]!.GetValue<decimal>();
        var accepted = reports.Where(r => r!["status"]!.GetValue<string>() == "accepted")
            .Select(r => (Day: r!["reviewedOn"]!.GetValue<string>(), Value: r["value"]!.GetValue<decimal>())).ToList();
        var days = new[] { balance["startsOn"]!.GetValue<string>(), balance["asOf"]!.GetValue<string>() }.Concat(accepted.Select(a => a.Day))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var expected = days.Select(day =>
        {
            var value = accepted.Where(a => string.CompareOrdinal(a.Day, day) <= 0).Sum(a => a.Value);
            return (Day: day, Value: value, Share: decimal.Round(value * 100 / obligation, 1, MidpointRounding.AwayFromZero));
        }).ToList();

        var rows = await tab.Page.Locator("#voortgang tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.dag)");
        rows.Should().Equal(expected.Select(e => e.Day));
        for (var i = 0; i < expected.Count; i++)
            (await tab.CellsAsync($"#voortgang tbody tr:nth-child({i + 1})"))[..3].Should().Equal(
                Dutch.Date(expected[i].Day), Dutch.Euro(expected[i].Value), Dutch.Percent(expected[i].Share));
        var points = await tab.Page.Locator("#grafiek circle").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.dag + '=' + c.dataset.aandeel)");
        points.Should().Equal(expected.Select(e => $"{e.Day}={e.Share.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}"));
        // The step rises ON the day of each point: the path's vertical segments sit at the points' x, not at the one before.
        var rise = await tab.Page.Locator("#grafiek").EvaluateAsync<bool>(@"svg => {
            const circles = [...svg.querySelectorAll('circle')].map(c => c.getAttribute('cx'));
            const vertical = [...svg.querySelector('path[data-lijn]').getAttribute('d').matchAll(/H([\d.]+)V/g)].map(m => m[1]);
            return vertical.every((x, i) => x === circles[i + 1]);
        }");
        rise.Should().BeTrue();
        (await tab.Page.Locator("#grafiek").GetAttributeAsync("role")).Should().Be("img");
    }
}
