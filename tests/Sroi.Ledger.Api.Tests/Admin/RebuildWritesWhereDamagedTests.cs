using System.Collections.Concurrent;
using System.Net;
using Sroi.Ledger.Api.Tests.CommandLine;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Session 44's attack: RebuildUnderWritesTests writes while the read models are right, where a batch now only reads
/// (CandidateRowsWrite writes where the tables differ). Here every candidate's report rows are damaged first, so every
/// batch deletes and COPYs while the same candidates are written to: no write may fail or be lost, and what is left is
/// what the command line's fresh fold (Marten's daemon, the statements) makes of the same events. On a database of its own.
/// </summary>
public class RebuildWritesWhereDamagedTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Fact]
    public async Task A_rebuild_that_rewrites_damaged_rows_while_the_same_candidates_are_written_loses_no_write()
    {
        var wsp = await api.ClientAsync("wsp");
        var numbers = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var number = await wsp.RegisterAsync(Registration());
            await wsp.PlaceAsync(number, Placement(startedOn: "2021-03-01", hours: 32.0m));
            numbers.Add(number);
        }
        // Every candidate's rows wrong in several tables, so every batch writes.
        await api.DataSource.ExecuteAsync("""
            DELETE FROM candidate_status_spells; DELETE FROM placement_spells;
            UPDATE placements SET hours_per_week = 32;
            UPDATE candidate_treden SET trede = 6 WHERE from_trede IS NULL;
            """);

        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var written = 0;
        async Task WriteAsync(int worker)
        {
            var day = 0;
            while (!stop.IsCancellationRequested)
            {
                var number = numbers[(worker * 7 + day) % numbers.Count];
                day++;
                // A trede change a day later each time, alternating trede: always accepted.
                using var answer = await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes",
                    TredeChange(day % 2 == 0 ? 3 : 5, new NodaTime.LocalDate(2020, 6, 1).PlusDays(day + worker * 1000).ToString("yyyy-MM-dd", null)));
                if (answer.StatusCode != HttpStatusCode.OK && answer.StatusCode != HttpStatusCode.Conflict && answer.StatusCode != HttpStatusCode.UnprocessableEntity)
                    failures.Enqueue($"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                else if (answer.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref written);
            }
        }
        var writers = Enumerable.Range(0, 3).Select(WriteAsync).ToList();
        await Task.Delay(200);
        var rebuild = await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        await rebuild.ShouldBeAsync(HttpStatusCode.OK);
        failures.Should().BeEmpty();
        written.Should().BeGreaterThan(0);

        var tables = await ReadModels.TablesAsync(api.DataSource);
        var byEndpointUnderWrites = await ReadModels.RowsAsync(api.DataSource, tables);
        var run = await LedgerProcess.RunAsync(api, TimeSpan.FromMinutes(5), "projections", "rebuild");
        run.ExitCode.Should().Be(0, run.ToString());
        await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, byEndpointUnderWrites, tables);
    }
}
