using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Importing.ImportSheets;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>
/// A hostile and a careless user against POST /api/v1/admin/imports/{kind} (session 31): sheets the template's own
/// tests do not try — Dutch thousands without decimals, a corrected copy saved otherwise, a file name that would put a
/// BSN or a NUL into the events, a CSV saved by Excel in Windows-1252, formula-like cells. Each test names what went
/// wrong before its fix.
/// </summary>
[Collection(ApiCollection.Name)]
public class ImportHostileTests(LedgerApi api)
{
    private const string Municipality = "GM0603";

    private const string ContractHeadings =
        "Kenmerk;Titel;Categorie;Opdrachtwaarde;KvK-nummer opdrachtnemer;Naam opdrachtnemer;Gunningsdatum;Startdatum;Einddatum;Reikwijdte";

    private static string ContractLine(string reference, string value = "250.000,00", string title = "Onderhoud groen") =>
        $"{reference};{title} {reference};werken;{value};12345678;Hoveniersbedrijf Groen B.V.;01-03-2024;2024-04-01;31-03-2026;local";

    [Fact]
    public async Task Dutch_thousands_without_decimals_are_refused_as_ambiguous_never_read_as_a_fraction()
    {
        // Before: "250.000" (how a Dutch sheet writes two hundred and fifty thousand) matched the plain form 1234.56,
        // became 250.000 = 250 (trailing zeros are no precision) and registered a contract worth € 250 — a thousandth.
        var refs = Enumerable.Range(0, 4).Select(_ => ContractBodies.UniqueReference()).ToArray();
        var sheet = Csv(ContractHeadings,
            ContractLine(refs[0], value: "250.000"),
            ContractLine(refs[1], value: "€ 1.500"),
            ContractLine(refs[2], value: "0.500"),        // not a thousands group (a leading 0): a half, valid
            ContractLine(refs[3], value: "1.234.567"));   // two groups: a million and more, as documented
        var answer = await ImportAsync("contracts", sheet, UniqueName("duizendtallen", ".csv"), dryRun: true);
        Errors(answer).Should().BeEquivalentTo([(2, "Opdrachtwaarde", "contractValue"), (3, "Opdrachtwaarde", "contractValue")]);
        answer["errors"]![0]!["error"]!.GetValue<string>().Should().Contain("250000").And.Contain("250.000,00");
        answer["valid"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task A_corrected_copy_saved_otherwise_with_an_extra_empty_column_adds_nothing_twice()
    {
        // Before: the Idempotency-Key hashed the cells as written, so the same placement with its date as 2021-03-01
        // instead of 01-03-2021, its hours as 32.5 instead of 32,5 and an empty column Voltijd added was recorded again.
        var wsp = await api.ClientAsync("wsp", Municipality);
        var number = await wsp.RegisterAsync(CandidateBodies.Registration());
        var first = Csv("Kandidaatnummer;KvK-nummer werkgever;Naam werkgever;Startdatum;Uren per week;Soort;Kanaal",
            $"{number};87654321;Hoveniersbedrijf Groen B.V.;01-03-2021;32,5;regular;wsp");
        Counts(await ImportAsync("placements", first, UniqueName("plaatsingen", ".csv"))).Should().Equal(1, 1, 1, 0, 0);

        var corrected = Csv("Kandidaatnummer;Startdatum;Uren per week;Voltijd;Soort;Kanaal;KvK-nummer werkgever;Naam werkgever",
            $"{number};2021-03-01;32.5;;Regular;WSP;87654321; Hoveniersbedrijf Groen B.V. ");
        Counts(await ImportAsync("placements", corrected, UniqueName("plaatsingen-gecorrigeerd", ".csv"))).Should().Equal(1, 1, 0, 1, 0);
        (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK))["placements"]!.AsArray()
            .Should().HaveCount(1, "the same placement, written otherwise, is already there");
    }

    [Theory]
    [InlineData("123456782.csv")]          // nine digits passing the elfproef: a BSN in every event's reason
    [InlineData("kandidaten\u0000.csv")]   // PostgreSQL refuses a NUL in jsonb: every row's write failed
    [InlineData("kandidaten\u001b[2J.csv")] // a terminal escape into the reasons
    public async Task A_file_name_that_would_put_a_bsn_or_a_control_character_in_the_events_is_refused_whole(string fileName)
    {
        var number = CandidateBodies.UniqueNumber();
        var sheet = Csv("Kandidaatnummer;Registratiedatum;Trede;Doelgroep", $"{number};06-01-2020;2;participatiewet");
        var content = new ByteArrayContent(sheet);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent();
        form.Add(content, "file");
        // The name as RFC 6266's filename* carries it (percent-encoded UTF-8), which ASP.NET decodes.
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"" };
        content.Headers.ContentDisposition.Parameters.Add(new NameValueHeaderValue("filename*", "UTF-8''" + Uri.EscapeDataString(fileName)));

        var refused = await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?municipality={Municipality}", form))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["file"]!.AsArray().Should().NotBeEmpty();
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_csv_that_is_not_utf8_is_refused_whole_instead_of_stored_with_replacement_characters()
    {
        // Before: Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)" is Windows-1252; its é (byte E9) was read as
        // U+FFFD and "Caf\uFFFD" became a contract's title, for ever.
        var reference = ContractBodies.UniqueReference();
        var text = string.Join("\r\n", ContractHeadings, ContractLine(reference, title: "Café")) + "\r\n";
        var sheet = Encoding.Latin1.GetBytes(text);
        var refused = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?municipality={Municipality}",
            Form(sheet, UniqueName("ansi", ".csv")))).ShouldBeAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("UTF-8");

        // The same sheet in UTF-8 with a byte order mark, semicolons, an empty and a blank line: read as it is meant.
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.Replace("\r\n" + reference, "\r\n;;;\r\n  \r\n" + reference)))
            .ToArray();
        var answer = await ImportAsync("contracts", utf8, UniqueName("utf", ".csv"));
        Counts(answer).Should().Equal(1, 1, 1, 0, 0);
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        (await (await inkoop.GetAsync($"/api/v1/contracts?q={reference}")).ShouldBeAsync(HttpStatusCode.OK))["items"]![0]!["title"]!
            .GetValue<string>().Should().Be($"Café {reference}");
    }

    [Fact]
    public async Task The_refused_rows_csv_never_starts_a_field_with_a_formula_character()
    {
        var sheet = Csv("Kandidaatnummer;Registratiedatum;Trede;Doelgroep;Uitkeringswet;Schooljaar verlaten",
            "=HYPERLINK(\"http://x\");-1;+1;@SUM(A1);=1+1;-2017",
            $"{CandidateBodies.UniqueNumber()};=TODAY();-3;participatiewet;@x;+");
        var answer = await ImportAsync("candidates", sheet, UniqueName("formules", ".csv"), dryRun: true);
        answer["refused"]!.GetValue<int>().Should().Be(2);
        var fields = Fields(answer["refusedCsv"]!.GetValue<string>()).Skip(5).ToList();
        fields.Should().NotBeEmpty().And.NotContain(f => f.Length > 0 && "=+-@\t\r".Contains(f[0]));
    }

    /// <summary>The fields of an RFC 4180 text (quotes removed, doubled quotes as one), in order, across its records.</summary>
    private static IEnumerable<string> Fields(string csv)
    {
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ',' or '\n') { yield return field.ToString(); field.Clear(); }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0) yield return field.ToString();
    }

    [Fact]
    public async Task A_malformed_multipart_form_is_a_400_naming_the_file_never_a_500()
    {
        // Before: ReadFormAsync's own refusals (no boundary, a body cut off before the closing boundary) escaped the
        // form's binding as exceptions, answered 500.
        async Task<JsonNode> RefusedAsync(string contentType, string body)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?municipality={Municipality}", content))
                .ShouldBeAsync(HttpStatusCode.BadRequest);
        }
        var part = "--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\nKandidaatnummer\r\n";
        (await RefusedAsync("multipart/form-data", part + "--grens--\r\n"))["errors"]!["file"]!.AsArray().Should().NotBeEmpty();
        (await RefusedAsync("multipart/form-data; boundary=grens", part))["errors"]!["file"]!.AsArray().Should().NotBeEmpty();
    }

    private async Task<JsonNode> ImportAsync(string kind, byte[] file, string fileName, bool dryRun = false)
    {
        var answer = await (await api.Admin().PostAsync($"/api/v1/admin/imports/{kind}?dryRun={(dryRun ? "true" : "false")}&municipality={Municipality}",
            Form(file, fileName))).ShouldBeAsync(HttpStatusCode.OK);
        return answer;
    }

    /// <summary>read, valid, written, already there, refused.</summary>
    private static int[] Counts(JsonNode answer) =>
        [.. new[] { "read", "valid", "written", "alreadyThere", "refused" }.Select(count => answer[count]!.GetValue<int>())];

    private static (int Row, string Column, string Field)[] Errors(JsonNode answer) =>
        [.. answer["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["field"]!.GetValue<string>()))];
}
