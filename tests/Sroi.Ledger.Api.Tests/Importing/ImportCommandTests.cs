using System.Net;
using Sroi.Ledger.Api.Tests.CommandLine;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Importing;

/// <summary>
/// The command <c>import</c>, run as an operator runs it (the service binary as a process of its own), on the committed
/// sample sheets of docs/samples (which keeps them in the template): a dry run lists the bad rows and writes nothing,
/// the real runs write the good rows in order (contracts and candidates before the placements and fulfilments naming
/// them), a re-run adds nothing, and the refused rows land in a CSV file.
/// </summary>
[Collection(ApiCollection.Name)]
public class ImportCommandTests(LedgerApi api)
{
    private static string Sample(string name) => Path.Combine(Checkout.Root(), "docs", "samples", name);

    [Fact]
    public async Task The_sample_sheets_import_in_order_with_their_bad_rows_refused_and_a_rerun_adds_nothing()
    {
        var refused = Path.Combine(Path.GetTempPath(), $"sroi-import-refused-{UniqueLetters()}.csv");
        try
        {
            var dry = await RunAsync("import", "contracts", Sample("contracten.csv"), "--municipality", "GM0603", "--dry-run", "--refused", refused);
            dry.ExitCode.Should().Be(1, "a row was refused: " + dry);
            dry.Stdout.Should().Contain("dry run contracts contracten.csv: read 4, valid 3, written 0, already there 0, refused 1");
            var lines = (await File.ReadAllLinesAsync(refused)).ToList();
            lines[0].Should().Be("rij,kolom,veld,fout,melding_api");
            lines.Skip(1).Select(l => string.Join(",", l.Split(',')[..3])).Should().BeEquivalentTo(["5,Opdrachtwaarde,contractValue", "5,Gunningsdatum,awardedOn"]);

            var inkoop = await api.ClientAsync("inkoop", "GM0603");
            (await (await inkoop.GetAsync("/api/v1/contracts?q=VOORBEELD-2023")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>()
                .Should().Be(0, "a dry run writes nothing");

            var contracts = await RunAsync("import", "contracts", Sample("contracten.csv"), "-m", "GM0603", "--refused", refused);
            contracts.Stdout.Should().Contain("import contracts contracten.csv: read 4, valid 3, written 3, already there 0, refused 1", contracts.ToString());
            var candidates = await RunAsync("import", "candidates", Sample("kandidaten.csv"), "-m", "GM0603", "--refused", refused);
            candidates.Stdout.Should().Contain("read 4, valid 3, written 3, already there 0, refused 1", candidates.ToString());
            var placements = await RunAsync("import", "placements", Sample("plaatsingen.csv"), "-m", "GM0603", "--refused", refused);
            placements.Stdout.Should().Contain("read 3, valid 2, written 2, already there 0, refused 1", placements.ToString());
            var fulfilments = await RunAsync("import", "fulfilments", Sample("prestaties.csv"), "-m", "GM0603", "--refused", refused);
            fulfilments.ExitCode.Should().Be(0, fulfilments + "\nrefused rows:\n" + await File.ReadAllTextAsync(refused));
            fulfilments.Stdout.Should().Contain("read 3, valid 3, written 3, already there 0, refused 0", fulfilments.ToString());

            var again = await RunAsync("import", "contracts", Sample("contracten.csv"), "-m", "GM0603", "--refused", refused);
            again.Stdout.Should().Contain("read 4, valid 3, written 0, already there 3, refused 1", again.ToString());
            (await (await inkoop.GetAsync("/api/v1/contracts?q=VOORBEELD-2023")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>()
                .Should().Be(3);

            var wsp = await api.ClientAsync("wsp", "GM0603");
            var candidate = await (await wsp.GetAsync("/api/v1/candidates/VB-0001")).ShouldBeAsync(HttpStatusCode.OK);
            candidate["placements"]!.AsArray().Should().ContainSingle().Which!["channel"]!.GetValue<string>().Should().Be("sroi");
        }
        finally
        {
            File.Delete(refused);
        }
    }

    [Fact]
    public async Task A_file_with_a_bsn_column_is_refused_whole_with_exit_code_1()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sroi-import-bsn-{UniqueLetters()}.csv");
        try
        {
            await File.WriteAllTextAsync(file, "Kandidaatnummer;Burgerservicenummer;Registratiedatum\r\nVB-9;;06-01-2020\r\n");
            var run = await RunAsync("import", "candidates", file, "-m", "GM0603");
            run.ExitCode.Should().Be(1);
            run.Stderr.Should().Contain("'burgerservicenummer'").And.Contain("geen BSN, naam of geboortedatum");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Refused_rows_are_never_written_over_the_sheet_itself()
    {
        // Before (session 31): --refused naming the sheet (a careless tab completion) wrote the list of errors over it.
        var file = Path.Combine(Path.GetTempPath(), $"sroi-import-self-{UniqueLetters()}.csv");
        var sheet = "Kandidaatnummer;Registratiedatum;Trede;Doelgroep\r\nK-zelf;06-01-2020;9;participatiewet\r\n";
        try
        {
            await File.WriteAllTextAsync(file, sheet);
            var run = await RunAsync("import", "candidates", file, "-m", "GM0603", "--dry-run", "--refused", Path.Combine(Path.GetDirectoryName(file)!, ".", Path.GetFileName(file)));
            run.ExitCode.Should().Be(1);
            run.Stderr.Should().Contain("--refused");
            (await File.ReadAllTextAsync(file)).Should().Be(sheet, "the sheet is left as it was");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task<LedgerRun> RunAsync(params string[] args) => LedgerProcess.RunAsync(api, TimeSpan.FromMinutes(3), args);

    /// <summary>
    /// A unique part of a file name without digits: the name goes into every event's reason, and nine digits of a GUID
    /// that pass the elfproef made the import refuse the file as one naming a BSN (a flaky test, session 32).
    /// </summary>
    private static string UniqueLetters() => string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('g' + Convert.ToInt32(c.ToString(), 16))));
}
