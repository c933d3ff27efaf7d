using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Exports;

namespace Sroi.Ledger.Api.Tests.CommandLine;

/// <summary>
/// The service binary's own commands, run as a separate process against the test database, as an operator runs them:
/// <c>verify</c> (exit code 0 or 1, a line per discrepancy) and <c>export</c> (the same bytes as the HTTP CSV).
/// </summary>
[Collection(ApiCollection.Name)]
public class LedgerCommandsTests(LedgerApi api)
{
    [Fact]
    public async Task Verify_answers_ok_with_exit_code_0_for_an_untouched_municipality()
    {
        var wsp = await api.ClientAsync("wsp", "GM9003");
        await wsp.RegisterAsync(CandidateBodies.Registration(municipality: "GM9003"));

        var run = await RunAsync("verify", "--municipality", "GM9003");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.TrimEnd().Split('\n')[^1].Should().Be("ok: 1 streams, 1 events verified", "stdout holds the answer only; logs go to stderr");
        run.Stdout.Should().NotContain("info:").And.NotContain("Searching");
    }

    [Fact]
    public async Task Verify_names_a_tampered_stream_and_exits_with_1()
    {
        var wsp = await api.ClientAsync("wsp", "GM9004");
        var number = await wsp.RegisterAsync(CandidateBodies.Registration(municipality: "GM9004"));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", CandidateBodies.TredeChange(4, "2020-05-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var stream = $"candidate-GM9004-{number}";
        await using (var tamper = api.DataSource.CreateCommand($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = jsonb_set(data, '{reason}', '"Vervalst"') WHERE stream_id = '{{stream}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            """))
            await tamper.ExecuteNonQueryAsync();

        var run = await RunAsync("verify", "--municipality", "GM9004");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().Contain($"{stream}\tGM9004\t2\tchain.broken\t");
        run.Stdout.Should().Contain("NOT ok: ");
        (await RunAsync("verify", "--municipality", "nowhere")).ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task Verify_against_a_kept_checkpoint_copy_names_what_was_deleted_since()
    {
        const string municipality = "GM0747";
        var stream = await Auditing.AuditedContracts.RegisteredAndAmendedAsync(api, municipality);
        var run = await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        var file = Path.Combine(Path.GetTempPath(), $"sroi-checkpoint-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, run["checkpoints"]![0]!.ToJsonString());
            var clean = await RunAsync("verify", "--against", file);
            clean.ExitCode.Should().Be(0, clean.ToString());
            clean.Stdout.Should().Contain($"\t{municipality}\t").And.Contain("signature valid");

            // The last commit removed whole, its signed head and hash too, and the checkpoint rows: only the copy knows.
            await using (var tamper = api.DataSource.CreateCommand(Auditing.Forgery.DeleteFrom(stream, 2, tracesToo: true) + Auditing.Forgery.DeleteCheckpoints(municipality)))
                await tamper.ExecuteNonQueryAsync();
            var against = await RunAsync("verify", "--against", file);
            against.ExitCode.Should().Be(1, against.ToString());
            against.Stdout.Should().Contain($"{stream}\t{municipality}\t2\tcheckpoint.events-lost\t");

            await File.WriteAllTextAsync(file, "{\"payload\": \"not a checkpoint\", \"signature\": \"AA==\"}");
            var unreadable = await RunAsync("verify", "--against", file);
            unreadable.ExitCode.Should().Be(1);
            unreadable.Stderr.Should().Contain("payload: Not a checkpoint payload");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The operator's switch of stage 3 (issue 23) by the command line: shown, refused without the operator's word that every
    /// node runs this build, turned on once with it, and left as it is by a second <c>on</c>. The test leaves it off.
    /// </summary>
    [Fact]
    public async Task Reports_apart_shows_the_switch_and_turns_it_on_only_with_the_operators_word()
    {
        try
        {
            var off = await RunAsync("reports-apart", "status");
            off.ExitCode.Should().Be(0, off.ToString());
            off.Stdout.TrimEnd().Should().Be("reports-apart: off", "stdout holds the answer only");

            var unsaid = await RunAsync("reports-apart", "on");
            unsaid.ExitCode.Should().Be(1, unsaid.ToString());
            unsaid.Stderr.Should().Contain("--every-node-upgraded").And.Contain("Nothing was changed");
            (await SwitchRowsAsync()).Should().Be(0, "without the operator's word nothing is written");

            var on = await RunAsync("reports-apart", "on", "--every-node-upgraded");
            on.ExitCode.Should().Be(0, on.ToString());
            on.Stdout.TrimEnd().Should().StartWith("reports-apart: on (turned on now");
            (await SwitchRowsAsync()).Should().Be(1);
            await using (var session = api.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession("GM0603"))
                (await Api.Contracts.ReportsApart.ReportsApartSwitch.IsOnAsync(session, CancellationToken.None)).Should().BeTrue("a write's own look-up sees it");

            var again = await RunAsync("reports-apart", "on", "--every-node-upgraded");
            again.ExitCode.Should().Be(0, again.ToString());
            again.Stdout.TrimEnd().Should().Be("reports-apart: on (it was on already; nothing changed)");
            (await SwitchRowsAsync()).Should().Be(1);
            (await RunAsync("reports-apart", "status")).Stdout.TrimEnd().Should().Be("reports-apart: on");

            var backOff = await RunAsync("reports-apart", "off");
            backOff.ExitCode.Should().Be(1, "the switch is one way: " + backOff);
            backOff.Stderr.Should().Contain("status or on");
        }
        finally
        {
            await Fulfilments.ReportsApartSwitchTests.TurnOffAsync(api);
        }
    }

    private async Task<long> SwitchRowsAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM schema_migrations WHERE component = 'reports-apart'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Export_writes_the_same_csv_as_the_http_api_to_stdout_or_a_file()
    {
        var wsp = await api.ClientAsync("wsp", "GM9005");
        var beforeAnything = NodaTime.Text.InstantPattern.ExtendedIso.Format(NodaTime.SystemClock.Instance.GetCurrentInstant());
        var numbers = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var number = await wsp.RegisterAsync(CandidateBodies.Registration(municipality: "GM9005"));
            await wsp.PlaceAsync(number, CandidateBodies.Placement("2021-04-01"));
            numbers.Add(number);
        }
        var stream = $"candidate-GM9005-{numbers[0]}";

        var history = await RunAsync("export", "history", stream, "--municipality", "GM9005");
        history.ExitCode.Should().Be(0, history.ToString());
        history.Stdout.Should().Be(await HttpCsvAsync(wsp, $"/api/v1/candidates/{numbers[0]}/history"));
        history.Stderr.Should().Contain("2 rows written to stdout");

        var file = Path.Combine(Path.GetTempPath(), $"sroi-export-{Guid.NewGuid():N}.csv");
        try
        {
            var all = await RunAsync("export", "history", "all", "--municipality", "GM9005", "--out", file);
            all.ExitCode.Should().Be(0, all.ToString());
            var rows = CsvFile.Parse((await File.ReadAllTextAsync(file)).TrimStart('\uFEFF')).Rows;
            rows.Select(r => r["stroom"]).Distinct().Should().BeEquivalentTo(numbers.Select(n => $"candidate-GM9005-{n}"));
            rows.Should().HaveCount(4);
        }
        finally
        {
            File.Delete(file);
        }

        var report = await RunAsync("export", "report", "placements", "--municipality", "GM9005", "--from", "2020", "--to", "2021");
        report.ExitCode.Should().Be(0, report.ToString());
        report.Stdout.Should().Be(await HttpCsvAsync(wsp, "/api/v1/reports/placements?from=2020&to=2021"));
        report.Stdout.Should().Contain("\r\nGM9005;2021;2;");

        // As known on a moment before the candidates were recorded: the report the ledger would have given then.
        var then = await RunAsync("export", "report", "placements", "--municipality", "GM9005", "--from", "2020", "--to", "2021", "--as-known-on", beforeAnything);
        then.ExitCode.Should().Be(0, then.ToString());
        then.Stdout.Should().Be(await HttpCsvAsync(wsp, $"/api/v1/reports/placements?from=2020&to=2021&asKnownOn={beforeAnything}"));
        then.Stdout.Should().Contain("\r\nGM9005;2021;0;");
    }

    [Fact]
    public async Task Export_refuses_bad_input_with_exit_code_1_naming_what_is_wrong()
    {
        var noMunicipality = await RunAsync("export", "history", "all");
        (noMunicipality.ExitCode, noMunicipality.Stderr.Contains("--municipality: Required")).Should().Be((1, true), noMunicipality.ToString());
        var badYear = await RunAsync("export", "report", "trede-flow", "--municipality", "GM0603", "--year", "1800");
        (badYear.ExitCode, badYear.Stderr.Contains("year: A year from 2000 to 2100.")).Should().Be((1, true), badYear.ToString());
        var unknown = await RunAsync("export", "report", "salaries", "--municipality", "GM0603");
        (unknown.ExitCode, unknown.Stderr.Contains("name: placements, sroi-placements")).Should().Be((1, true), unknown.ToString());
        var missing = await RunAsync("export", "history", "candidate-GM0603-NOPE", "--municipality", "GM0603");
        (missing.ExitCode, missing.Stderr.Contains("GM0603 holds no stream candidate-GM0603-NOPE")).Should().Be((1, true), missing.ToString());
    }

    /// <summary>
    /// Options go anywhere among the arguments, as the engine reads them: before the action or the arguments too (reports-apart
    /// refused <c>--log-level Debug status</c> as "no action", its check having looked at the first argument).
    /// </summary>
    [Fact]
    public async Task Options_before_the_arguments_are_read_as_the_engine_reads_them()
    {
        var status = await RunAsync("reports-apart", "--log-level", "Debug", "status");
        status.ExitCode.Should().Be(0, status.ToString());
        status.Stdout.Should().MatchRegex("^reports-apart: (on|off)\\s*$", "stdout holds the answer only");

        var export = await RunAsync("export", "--municipality", "GM9006", "-l", "Warning", "history", "all");
        export.ExitCode.Should().Be(0, export.ToString());
        export.Stdout.TrimStart('\uFEFF').Should().StartWith("stroom;versie;");

        var verify = await RunAsync("verify", "-l", "Warning", "--municipality", "GM9006");
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Stdout.TrimEnd().Split('\n')[^1].Should().StartWith("ok: ");
    }

    /// <summary>
    /// With a database to reach, what the engine cannot read is still not understood before the host is built: the engine
    /// answered it after the host, the database and the schema's preparation, with exit code 1 and a blank line on stdout.
    /// </summary>
    [Fact]
    public async Task Arguments_the_engine_cannot_read_are_not_understood_before_the_host_with_exit_code_2()
    {
        foreach (var args in new[]
                 {
                     new[] { "verify", "extra" },
                     ["export", "history", "--municipality", "GM9006"],
                     ["export", "history", "all", "--municipality", "GM9006", "--as-known-on"],
                     ["reports-apart", "status", "on"],
                 })
        {
            var run = await RunAsync(args);
            run.ExitCode.Should().Be(2, run.ToString());
            run.Stdout.Should().BeEmpty("stdout carries a command's answer only: " + run);
            run.Stderr.Should().StartWith($"{args[0]}: not understood: ").And.Contain("usage: ")
                .And.NotContain("Using the database", "not understood before the database is looked for");
        }
    }

    /// <summary>
    /// <c>-e</c> names the environment the command runs in, as <c>--environment</c> does: the engine could not apply it to
    /// the host built before it ran (it only said so), so <c>-e Production</c> under DOTNET_ENVIRONMENT=Testing ran with
    /// Testing's defaults — a checkpoint key made up in the local data folder where Production demands the operator's.
    /// </summary>
    [Fact]
    public async Task The_environment_option_names_the_environment_the_command_runs_in()
    {
        var local = Path.Combine(Path.GetTempPath(), $"sroi-local-{Guid.NewGuid():N}");
        try
        {
            var settings = new Dictionary<string, string?> { ["SROI_CHECKPOINT_KEY_FILE"] = null, ["SROI_LOCAL_DATA"] = local };
            foreach (var option in new[] { "-e", "--environment" })
            {
                var run = await LedgerProcess.RunAsync(api, TimeSpan.FromMinutes(2), settings, "verify", option, "Production", "--municipality", "GM9006");
                run.ExitCode.Should().Be(1, run.ToString());
                // The engine writes the failure in lines of the console's width.
                var said = System.Text.RegularExpressions.Regex.Replace(run.Stderr, @"\s+", " ");
                said.Should().Contain("SROI_CHECKPOINT_KEY_FILE is not set: in Production").And.NotContain("cannot override the environment", run.ToString());
                run.Stdout.Should().BeEmpty();
            }
            File.Exists(Path.Combine(local, "checkpoint-key.pem")).Should().BeFalse("Production makes no checkpoint key of its own");
        }
        finally
        {
            if (Directory.Exists(local)) Directory.Delete(local, recursive: true);
        }
    }

    private static async Task<string> HttpCsvAsync(HttpClient client, string url)
    {
        var response = await HistoryCsvTests.Csv(client, url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    private Task<LedgerRun> RunAsync(params string[] args) => LedgerProcess.RunAsync(api, TimeSpan.FromMinutes(2), args);
}
