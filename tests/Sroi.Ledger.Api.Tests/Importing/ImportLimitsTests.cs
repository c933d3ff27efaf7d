using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sroi.Ledger.Api.Importing;
using Sroi.Ledger.Api.Tests.CommandLine;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Importing.ImportSheets;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>
/// The limits of an import (issue 21's hardening): a workbook was read whole into memory with no cap, so a zip bomb held
/// the admin endpoint (and the command) while it inflated, and a formula cell saved without its computed value was read as
/// empty. Now a zip bomb (honest or lying about its sizes), a zip of too many parts and a sheet of more than 100,000 rows
/// are a 400 naming the file within seconds (exit code 1 for the command), and a formula without a value is the row's
/// error, on the endpoint and the command alike.
/// </summary>
[Collection(ApiCollection.Name)]
public class ImportLimitsTests(LedgerApi api)
{
    private const string Municipality = "GM0603";

    [Fact]
    public async Task A_formula_without_a_computed_value_is_the_rows_error_never_an_empty_cell()
    {
        var (good, formula) = (ContractBodies.UniqueReference(), ContractBodies.UniqueReference());
        var workbook = WithUncachedFormula(Xlsx([Contract(good), Contract(formula)]), "D3", "D2*2");

        var answer = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?dryRun=true&municipality={Municipality}",
            Form(workbook, UniqueName("formules", ".xlsx")))).ShouldBeAsync(HttpStatusCode.OK);

        answer["read"]!.GetValue<int>().Should().Be(2);
        answer["valid"]!.GetValue<int>().Should().Be(1);
        answer["refused"]!.GetValue<int>().Should().Be(1);
        var error = answer["errors"]!.AsArray().Should().ContainSingle().Subject!;
        error["row"]!.GetValue<int>().Should().Be(3);
        error["column"]!.GetValue<string>().Should().Be("Opdrachtwaarde");
        error["field"]!.GetValue<string>().Should().Be("contractValue");
        error["error"]!.GetValue<string>().Should().Contain("Cel D3 bevat een formule (=D2*2) zonder berekende waarde");

        // A formula Excel did compute is read as its value.
        var computed = WithUncachedFormula(Xlsx([Contract(ContractBodies.UniqueReference())]), "D2", "200000+50000", cached: "250000");
        var read = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?dryRun=true&municipality={Municipality}",
            Form(computed, UniqueName("berekend", ".xlsx")))).ShouldBeAsync(HttpStatusCode.OK);
        (read["valid"]!.GetValue<int>(), read["refused"]!.GetValue<int>()).Should().Be((1, 0), read.ToJsonString());
    }

    [Fact]
    public async Task A_number_cell_with_more_digits_than_a_double_keeps_is_read_from_its_stored_digits_never_rounded()
    {
        // Excel writes at most 17 significant digits; another program may write more. Read as a double, 250000.000000000000001
        // was 250000 and 1234.560000000000000001 was 1234.56: the row imported, rounded, without a word.
        var (finer, longer, plain) = (ContractBodies.UniqueReference(), ContractBodies.UniqueReference(), ContractBodies.UniqueReference());
        var workbook = WithStoredNumber(WithStoredNumber(Xlsx([Contract(plain), Contract(finer), Contract(longer)]),
            "D3", "250000.000000000000001"), "D4", "250000.00000000000000000000000001");

        var answer = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?dryRun=true&municipality={Municipality}",
            Form(workbook, UniqueName("cijfers", ".xlsx")))).ShouldBeAsync(HttpStatusCode.OK);

        (answer["read"]!.GetValue<int>(), answer["valid"]!.GetValue<int>(), answer["refused"]!.GetValue<int>())
            .Should().Be((3, 1, 2), answer.ToJsonString());
        var errors = answer["errors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Field: e["field"]!.GetValue<string>(),
            Error: e["error"]!.GetValue<string>())).OrderBy(e => e.Row).ToList();
        errors.Select(e => (e.Row, e.Field)).Should().Equal((3, "contractValue"), (4, "contractValue"));
        // 22 significant digits: a decimal holds them, and the endpoint refuses the third decimal as it does a typed one.
        errors[0].Error.Should().NotBe(CellValues.PrecisionMessage).And.NotBeEmpty();
        // 32 significant digits: more than a decimal holds, refused where it is read.
        errors[1].Error.Should().Be(CellValues.PrecisionMessage);

        // The same in a CSV file, typed.
        var csv = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?dryRun=true&municipality={Municipality}",
            Form(Csv("Kenmerk;Titel;Categorie;Opdrachtwaarde;KvK-nummer opdrachtnemer;Naam opdrachtnemer;Gunningsdatum;Startdatum;Einddatum;Reikwijdte",
                $"{ContractBodies.UniqueReference()};Groen;werken;250000,00000000000000000000000001;12345678;Groen B.V.;2024-03-01;2024-04-01;2026-03-31;local"),
                UniqueName("cijfers", ".csv")))).ShouldBeAsync(HttpStatusCode.OK);
        csv["refused"]!.GetValue<int>().Should().Be(1, csv.ToJsonString());
        csv["errors"]![0]!["error"]!.GetValue<string>().Should().Be(CellValues.PrecisionMessage);
    }

    [Fact]
    public async Task A_value_in_a_column_without_a_heading_refuses_the_file_rather_than_being_dropped()
    {
        // A heading that is a formula saved without its value reads as no heading: the column's values would be dropped.
        var extra = Contract(ContractBodies.UniqueReference());
        extra["Opmerking"] = "let op: onderaannemer";
        var sheet = Xlsx([extra]);
        const string column = "K"; // the eleventh heading: the contract's ten, then Opmerking
        var workbook = WithUncachedFormula(sheet, $"{column}1", "A1");
        var xlsx = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?dryRun=true&municipality={Municipality}",
            Form(workbook, UniqueName("koploos", ".xlsx")))).ShouldBeAsync(HttpStatusCode.BadRequest);
        xlsx["errors"]!["file"]![0]!.GetValue<string>().Should().Be(
            $"Kolom {column} heeft geen kolomkop, maar rij 2 heeft er een waarde in: die zou niet worden ingelezen. " +
            "Geef de kolom een kop uit het sjabloon (zie docs/import-template.md) of maak hem leeg. Er is niets ingelezen.");

        // In a CSV file: a value under an empty heading, and one beyond the last heading.
        foreach (var (lines, named) in new[]
        {
            (Csv("Kandidaatnummer;;Registratiedatum;Trede;Doelgroep", "K-koploos-a;bijzonder;06-01-2020;2;participatiewet"), "Kolom 2 heeft geen kolomkop, maar rij 2"),
            (Csv("Kandidaatnummer;Registratiedatum;Trede;Doelgroep", "K-koploos-b;06-01-2020;2;participatiewet", "K-koploos-c;06-01-2020;2;participatiewet;extra"),
                "Kolom 5 heeft geen kolomkop, maar rij 3"),
        })
        {
            var csv = await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?municipality={Municipality}",
                Form(lines, UniqueName("koploos", ".csv")))).ShouldBeAsync(HttpStatusCode.BadRequest);
            csv["errors"]!["file"]![0]!.GetValue<string>().Should().StartWith(named);
        }
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.GetAsync("/api/v1/candidates/K-koploos-b")).ShouldBeAsync(HttpStatusCode.NotFound);

        // An empty column, heading and all, is no value: read as before.
        var empty = await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?dryRun=true&municipality={Municipality}",
            Form(Csv("Kandidaatnummer;;Registratiedatum;Trede;Doelgroep", "K-koploos-d; ;06-01-2020;2;participatiewet"), UniqueName("leeg", ".csv"))))
            .ShouldBeAsync(HttpStatusCode.OK);
        empty["valid"]!.GetValue<int>().Should().Be(1, empty.ToJsonString());
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_within_seconds_whether_its_headers_tell_its_size_or_lie()
    {
        var honest = Bomb(lie: false);
        var lying = Bomb(lie: true);
        honest.Length.Should().BeLessThan(2 * 1024 * 1024, "a bomb is small until it is inflated");

        foreach (var (bomb, saying) in new[] { (honest, "uitgepakt groter dan 256 MB"), (lying, "") })
        {
            var clock = Stopwatch.StartNew();
            var refused = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?municipality={Municipality}",
                Form(bomb, UniqueName("bom", ".xlsx")))).ShouldBeAsync(HttpStatusCode.BadRequest);
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
            var message = refused["errors"]!["file"]![0]!.GetValue<string>();
            if (saying.Length > 0) message.Should().Contain(saying);
            else message.Should().StartWith("Het bestand ", message); // refused at the limit, or as unreadable: the zip's own sizes disagree
        }
    }

    [Fact]
    public async Task A_zip_of_too_many_parts_and_a_sheet_of_too_many_rows_are_refused_whole()
    {
        using var parts = new MemoryStream();
        using (var zip = new ZipArchive(parts, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i <= XlsxScreen.MaxEntries; i++)
                zip.CreateEntry($"xl/deel{i}.xml", CompressionLevel.NoCompression);
        var tooManyParts = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?municipality={Municipality}",
            Form(parts.ToArray(), UniqueName("delen", ".xlsx")))).ShouldBeAsync(HttpStatusCode.BadRequest);
        tooManyParts["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("te veel onderdelen");

        var lines = new StringBuilder("Kandidaatnummer;Registratiedatum;Trede;Doelgroep\r\n");
        for (var i = 0; i <= SheetReader.MaxRows; i++) lines.Append("K-rij-").Append(i).Append(";06-01-2020;2;participatiewet\r\n");
        var tooManyRows = await (await api.Admin().PostAsync($"/api/v1/admin/imports/candidates?municipality={Municipality}",
            Form(Encoding.UTF8.GetBytes(lines.ToString()), UniqueName("rijen", ".csv")))).ShouldBeAsync(HttpStatusCode.BadRequest);
        tooManyRows["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("meer dan 100.000 rijen");
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.GetAsync("/api/v1/candidates/K-rij-0")).ShouldBeAsync(HttpStatusCode.NotFound);

        // A workbook whose only data row sits below row 100,001 is refused before a row is read.
        var near = Xlsx([Contract(ContractBodies.UniqueReference())]);
        var far = Regex.Replace(Regex.Replace(Encoding.UTF8.GetString(SheetXml(near)), "r=\"2\"", "r=\"100002\""), "r=\"([A-Z]+)2\"", "r=\"${1}100002\"");
        far.Should().Contain("r=\"100002\"").And.Contain("r=\"A100002\"");
        var farWorkbook = ReplaceSheet(near, far);
        var farAnswer = await (await api.Admin().PostAsync($"/api/v1/admin/imports/contracts?municipality={Municipality}",
            Form(farWorkbook, UniqueName("ver", ".xlsx")))).ShouldBeAsync(HttpStatusCode.BadRequest);
        farAnswer["errors"]!["file"]![0]!.GetValue<string>().Should().Contain("meer dan 100.000 rijen");
    }

    [Fact]
    public async Task The_command_refuses_a_zip_bomb_with_exit_code_1_and_names_a_formula_without_a_value_in_the_refused_rows()
    {
        var folder = Directory.CreateTempSubdirectory("sroi-import-limits-");
        try
        {
            var bomb = Path.Combine(folder.FullName, "bom.xlsx");
            await File.WriteAllBytesAsync(bomb, Bomb(lie: true));
            var clock = Stopwatch.StartNew();
            var refusedBomb = await RunAsync("import", "contracts", bomb, "-m", Municipality);
            refusedBomb.ExitCode.Should().Be(1, refusedBomb.ToString());
            refusedBomb.Stderr.Should().Contain("file: ");
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(150), "the process starts, reads a few MB and stops (on a shared machine)");

            var sheet = Path.Combine(folder.FullName, "formules.xlsx");
            var refused = Path.Combine(folder.FullName, "geweigerd.csv");
            await File.WriteAllBytesAsync(sheet, WithUncachedFormula(Xlsx([Contract(ContractBodies.UniqueReference())]), "D2", "SOM(X1:X9)"));
            var run = await RunAsync("import", "contracts", sheet, "-m", Municipality, "--dry-run", "--refused", refused);
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stdout.Should().Contain("read 1, valid 0, written 0, already there 0, refused 1", run.ToString());
            (await File.ReadAllTextAsync(refused)).Should().Contain("2,Opdrachtwaarde,contractValue")
                .And.Contain("Cel D2 bevat een formule (=SOM(X1:X9)) zonder berekende waarde");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private Task<LedgerRun> RunAsync(params string[] args) => LedgerProcess.RunAsync(api, TimeSpan.FromMinutes(3), args);

    private static Dictionary<string, object?> Contract(string reference) => new()
    {
        ["Kenmerk"] = reference, ["Titel"] = $"Onderhoud groen {reference}", ["Categorie"] = "werken", ["Opdrachtwaarde"] = 250_000m,
        ["KvK-nummer opdrachtnemer"] = "12345678", ["Naam opdrachtnemer"] = "Hoveniersbedrijf Groen B.V.",
        ["Gunningsdatum"] = "2024-03-01", ["Startdatum"] = "2024-04-01", ["Einddatum"] = "2026-03-31", ["Reikwijdte"] = "local",
    };

    /// <summary>The workbook with <paramref name="cell"/> replaced by a formula, with <paramref name="cached"/> as its saved value or none.</summary>
    private static byte[] WithUncachedFormula(byte[] workbook, string cell, string formula, string? cached = null) =>
        WithCell(workbook, cell, p => $"<{p}f>{formula}</{p}f>{(cached is null ? "" : $"<{p}v>{cached}</{p}v>")}");

    /// <summary>The workbook with <paramref name="cell"/> a number cell storing exactly <paramref name="digits"/>.</summary>
    private static byte[] WithStoredNumber(byte[] workbook, string cell, string digits) =>
        WithCell(workbook, cell, p => $"<{p}v>{digits}</{p}v>");

    /// <summary>The workbook with <paramref name="cell"/>'s content replaced (given the sheet's namespace prefix).</summary>
    private static byte[] WithCell(byte[] workbook, string cell, Func<string, string> content)
    {
        var xml = Encoding.UTF8.GetString(SheetXml(workbook));
        var pattern = new Regex($"<(?<p>\\w+:)?c r=\"{cell}\"[^>]*?(/>|>.*?</\\k<p>c>)", RegexOptions.Singleline);
        pattern.IsMatch(xml).Should().BeTrue($"the sheet has a cell {cell}");
        var edited = pattern.Replace(xml, m => $"<{m.Groups["p"].Value}c r=\"{cell}\">{content(m.Groups["p"].Value)}</{m.Groups["p"].Value}c>", 1);
        return ReplaceSheet(workbook, edited);
    }

    private static byte[] SheetXml(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        using var copy = new MemoryStream();
        sheet.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] ReplaceSheet(byte[] workbook, string xml)
    {
        using var result = new MemoryStream();
        result.Write(workbook);
        using (var zip = new ZipArchive(result, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }
        return result.ToArray();
    }

    /// <summary>
    /// A workbook-shaped zip whose sheet inflates to 300 MB of spaces (some hundreds of KB zipped). With
    /// <paramref name="lie"/> its central directory claims the sheet is 1 KB, so only counting what is inflated stops it.
    /// </summary>
    private static byte[] Bomb(bool lie)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var book = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open()))
                book.Write("""<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>""");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 300; i++) sheet.Write(spaces);
        }
        var zipped = bytes.ToArray();
        if (!lie) return zipped;
        // Every central directory header (PK\1\2): its uncompressed size (offset 24) set to 1 KB.
        for (var i = 0; i + 46 <= zipped.Length; i++)
            if (zipped[i] == 0x50 && zipped[i + 1] == 0x4B && zipped[i + 2] == 0x01 && zipped[i + 3] == 0x02)
                BinaryPrimitives.WriteUInt32LittleEndian(zipped.AsSpan(i + 24), 1024);
        return zipped;
    }
}
