using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Importing.ImportSheets;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>
/// Issue 21: sheets imported through POST /api/v1/admin/imports/{kind}. Each row is validated by the endpoint of its
/// kind (its messages, its field names) and written through the ledger's write path; a dry run lists every error of
/// every row and writes nothing; a real run writes the good rows and refuses the bad; a re-run adds nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public class ImportingTests(LedgerApi api)
{
    private const string Municipality = "GM0603";

    private static Dictionary<string, object?> ContractRow(string reference, object? value = null, object? awarded = null,
        object? starts = null, object? ends = null, string category = "werken", string kvk = "12345678") => new()
    {
        ["Kenmerk"] = reference,
        ["Titel"] = "Onderhoud groen " + reference,
        ["Categorie"] = category,
        ["Opdrachtwaarde"] = value ?? "250.000,00",
        ["KvK-nummer opdrachtnemer"] = kvk,
        ["Naam opdrachtnemer"] = "Hoveniersbedrijf Groen B.V.",
        ["Gunningsdatum"] = awarded ?? "01-03-2024",
        ["Startdatum"] = starts ?? "2024-04-01",
        ["Einddatum"] = ends ?? "31-03-2026",
        ["Reikwijdte"] = "local",
    };

    [Fact]
    public async Task A_contract_workbook_is_checked_in_a_dry_run_written_in_a_real_run_and_a_rerun_adds_nothing()
    {
        var refs = Enumerable.Range(0, 5).Select(_ => ContractBodies.UniqueReference()).ToArray();
        var file = UniqueName("contracten", ".xlsx");
        var workbook = Xlsx([
            ContractRow(refs[0]),                                                                        // row 2: Dutch text
            ContractRow(refs[1], value: 1234.5m, awarded: new DateTime(2024, 3, 1), ends: new DateTime(2026, 3, 31)), // row 3: typed cells
            ContractRow(refs[2], value: "1.234,567", ends: "31-02-2026"),                                 // row 4: a third decimal, no such date
            ContractRow(refs[3], category: "bruggen", kvk: "1234"),                                       // row 5: unknown category, short KvK
            ContractRow(refs[4], starts: "2024-04-01", ends: "2024-03-31"),                              // row 6: ends before it starts
        ]);

        var dry = await ImportAsync("contracts", workbook, file, municipality: Municipality, dryRun: true);
        Counts(dry).Should().Equal(5, 2, 0, 0, 3);
        Errors(dry).Should().BeEquivalentTo([
            (4, "Einddatum", "endsOn"),
            (4, "Opdrachtwaarde", "contractValue"),
            (5, "Categorie", "category"),
            (5, "KvK-nummer opdrachtnemer", "contractor.kvkNumber"),
            (6, "Einddatum", "endsOn"),
        ]);
        var third = dry["errors"]!.AsArray().Single(e => e!["field"]!.GetValue<string>() == "contractValue")!;
        third["error"]!.GetValue<string>().Should().Be("Een getal heeft ten hoogste 20 cijfers vóór en 2 cijfers na de komma: een fijnere of grotere waarde wordt geweigerd, nooit afgerond.");
        third["apiMessage"]!.GetValue<string>().Should().StartWith("A number is written with at most 20 digits before the decimal point and at most two after it");
        dry["errors"]!.AsArray().Single(e => e!["row"]!.GetValue<int>() == 4 && e["field"]!.GetValue<string>() == "endsOn")!["error"]!
            .GetValue<string>().Should().StartWith("Geen datum: schrijf dd-mm-jjjj");
        dry["refusedCsv"]!.GetValue<string>().Split("\r\n")[0].Should().Be("rij,kolom,veld,fout,melding_api");
        (await EventsOfAsync(file)).Should().Be(0, "a dry run writes nothing");
        (await ContractsAsync(refs)).Should().Be(0);

        var real = await ImportAsync("contracts", workbook, file, municipality: Municipality);
        Counts(real).Should().Equal(5, 2, 2, 0, 3);
        Errors(real).Should().BeEquivalentTo(Errors(dry), "the real run refuses what the dry run listed");
        (await ContractsAsync(refs)).Should().Be(2);
        (await EventsOfAsync(file, row: 2)).Should().BeGreaterThan(0, "the reason names the file and the row");
        (await EventsOfAsync(file, row: 3)).Should().BeGreaterThan(0);

        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var list = await (await inkoop.GetAsync($"/api/v1/contracts?q={refs[1]}")).ShouldBeAsync(HttpStatusCode.OK);
        var imported = list["items"]!.AsArray().Single()!;
        imported["contractValue"]!.GetValue<decimal>().Should().Be(1234.50m);
        imported["awardedOn"]!.GetValue<string>().Should().Be("2024-03-01", "the business date is the sheet's");

        var rerun = await ImportAsync("contracts", workbook, UniqueName("contracten-opnieuw", ".xlsx"), municipality: Municipality);
        Counts(rerun).Should().Equal(5, 2, 0, 2, 3);
        (await ContractsAsync(refs)).Should().Be(2, "a re-run adds nothing twice");
    }

    [Fact]
    public async Task Candidates_and_their_placements_from_csv_files_with_dutch_numbers_and_a_contract_named_by_its_kenmerk()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var reference = ContractBodies.UniqueReference();
        await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(reference: reference))).ShouldBeAsync(HttpStatusCode.Created);
        var a = Candidates.CandidateBodies.UniqueNumber();
        var b = Candidates.CandidateBodies.UniqueNumber();
        var candidates = Csv(
            "Kandidaatnummer;Registratiedatum;Trede;Doelgroep;Uitkering sinds;Begeleid door WSP",
            $"{a};06-01-2020;2;participatiewet;01-11-2019;ja",
            $"{b};2020-02-03;3;participatiewet;;nee",
            "K-onbekend;2020-02-03;9;participatiewet;;misschien");
        var candidateFile = UniqueName("kandidaten", ".csv");
        var registered = await ImportAsync("candidates", candidates, candidateFile, municipality: Municipality);
        Counts(registered).Should().Equal(3, 2, 2, 0, 1);
        Errors(registered).Should().BeEquivalentTo([(4, "Trede", "trede"), (4, "Begeleid door WSP", "servedByWsp")]);
        (await (await wsp.GetAsync($"/api/v1/candidates/{a}")).ShouldBeAsync(HttpStatusCode.OK))["trede"]!.GetValue<int>().Should().Be(2);

        var placements = Csv(
            "Kandidaatnummer;KvK-nummer werkgever;Naam werkgever;Startdatum;Uren per week;Soort;Kanaal;Kenmerk SROI-contract",
            $"{a};87654321;Hoveniersbedrijf Groen B.V.;01-03-2021;32,5;regular;sroi;{reference}",
            $"{b};87654321;Hoveniersbedrijf Groen B.V.;01-03-2021;36,125;regular;wsp;",
            $"{b};87654321;Hoveniersbedrijf Groen B.V.;01-04-2021;20;regular;sroi;T-bestaat-niet",
            $"K-nergens;87654321;Hoveniersbedrijf Groen B.V.;01-04-2021;20;regular;wsp;");
        var placementFile = UniqueName("plaatsingen", ".csv");
        var dry = await ImportAsync("placements", placements, placementFile, municipality: Municipality, dryRun: true);
        Counts(dry).Should().Equal(4, 1, 0, 0, 3);
        Errors(dry).Should().BeEquivalentTo([
            (3, "Uren per week", "hoursPerWeek"),
            (4, "Kenmerk SROI-contract", "sroiContractId"),
            (5, "Kandidaatnummer", "candidateNumber"),
        ]);
        var placed = await ImportAsync("placements", placements, placementFile, municipality: Municipality);
        Counts(placed).Should().Equal(4, 1, 1, 0, 3);
        var candidate = await (await wsp.GetAsync($"/api/v1/candidates/{a}")).ShouldBeAsync(HttpStatusCode.OK);
        var placement = candidate["placements"]!.AsArray().Single()!;
        placement["hoursPerWeek"]!.GetValue<decimal>().Should().Be(32.5m);
        placement["channel"]!.GetValue<string>().Should().Be("sroi");
        Counts(await ImportAsync("placements", placements, placementFile, municipality: Municipality)).Should().Equal(4, 1, 0, 1, 3);
        (await (await wsp.GetAsync($"/api/v1/candidates/{a}")).ShouldBeAsync(HttpStatusCode.OK))["placements"]!.AsArray().Should().HaveCount(1);
    }

    [Fact]
    public async Task Fulfilments_of_a_contract_named_by_its_kenmerk_are_valued_and_a_third_decimal_is_refused_not_rounded()
    {
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var reference = ContractBodies.UniqueReference();
        await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(reference: reference))).ShouldBeAsync(HttpStatusCode.Created);
        var invoice = Fulfilments.FulfilmentBodies.UniqueInvoice();
        var sheet = Xlsx([
            new() { ["Gemeente"] = Municipality, ["Kenmerk contract"] = reference, ["Soort"] = "social-procurement", ["KvK-nummer leverancier"] = "87654321",
                ["Naam leverancier"] = "De Groene Werkplaats B.V.", ["Erkenning leverancier"] = "social-enterprise-nl", ["Factuurnummer"] = invoice,
                ["Factuurdatum"] = "15-05-2024", ["Bedrag excl. btw"] = "12.000,00" },
            new() { ["Gemeente"] = Municipality, ["Kenmerk contract"] = reference, ["Soort"] = "social-procurement", ["KvK-nummer leverancier"] = "87654321",
                ["Naam leverancier"] = "De Groene Werkplaats B.V.", ["Erkenning leverancier"] = "social-enterprise-nl", ["Factuurnummer"] = invoice + "-2",
                ["Factuurdatum"] = "15-05-2024", ["Bedrag excl. btw"] = "1234.567" },
            new() { ["Gemeente"] = "GM0518", ["Kenmerk contract"] = reference, ["Soort"] = "training", ["Omschrijving"] = "VCA", ["Kosten"] = "100" },
        ]);
        var file = UniqueName("prestaties", ".xlsx");
        var result = await ImportAsync("fulfilments", sheet, file);
        Counts(result).Should().Equal(3, 1, 1, 0, 2);
        // Row 4: a contract of another municipality is not found there.
        Errors(result).Should().BeEquivalentTo([(3, "Bedrag excl. btw", "amountExclVat"), (4, "Kenmerk contract", "contractId")]);
        (await EventsOfAsync(file, row: 2)).Should().BeGreaterThan(0, "the reason names the file and the row");
    }

    [Fact]
    public async Task A_sheet_with_a_bsn_column_or_an_unknown_column_is_refused_whole_and_only_the_admin_imports()
    {
        var withBsn = Csv("Kandidaatnummer;BSN;Registratiedatum;Trede;Doelgroep", $"{Candidates.CandidateBodies.UniqueNumber()};;06-01-2020;2;participatiewet");
        var refused = await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?municipality={Municipality}", Form(withBsn, "k.csv")))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("'bsn'").And.Contain("geen BSN, naam of geboortedatum");

        var misspelt = Csv("Kandidaatnumer;Registratiedatum", "K-1;06-01-2020");
        var unknown = await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?municipality={Municipality}", Form(misspelt, "k.csv")))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        unknown["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("'kandidaatnumer'");

        var bad = await (await api.Admin().PostAsync("/api/v1/admin/imports/people?municipality=GM06&dryRun=maybe", Form(misspelt, "k.txt")))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["kind", "municipality", "dryRun", "file"]);

        var wsp = await api.ClientAsync("wsp", Municipality);
        (await wsp.PostAsync("/api/v1/admin/imports/candidates", Form(misspelt, "k.csv"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<JsonNode> ImportAsync(string kind, byte[] file, string fileName, string? municipality = null, bool dryRun = false)
    {
        var query = $"?dryRun={(dryRun ? "true" : "false")}" + (municipality is null ? "" : $"&municipality={municipality}");
        var answer = await (await api.Admin().PostAsync($"/api/v1/admin/imports/{kind}{query}", Form(file, fileName))).ShouldBeAsync(HttpStatusCode.OK);
        answer["dryRun"]!.GetValue<bool>().Should().Be(dryRun);
        return answer;
    }

    /// <summary>read, valid, written, already there, refused.</summary>
    private static int[] Counts(JsonNode answer) =>
        [.. new[] { "read", "valid", "written", "alreadyThere", "refused" }.Select(count => answer[count]!.GetValue<int>())];

    private static (int Row, string Column, string Field)[] Errors(JsonNode answer) =>
        [.. answer["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["field"]!.GetValue<string>()))];

    private async Task<long> EventsOfAsync(string file, int? row = null)
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE headers->>'reason' LIKE $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = row is null ? $"import {file} row %" : $"import {file} row {row}%" });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ContractsAsync(string[] references)
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_doc_contract WHERE reference = ANY($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = references });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
