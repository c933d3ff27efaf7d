using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Issue 23, the rebuild's candidate batches (CandidateBatchRefold): a batch holds all its candidates' locks for the work of
/// all their events, in one round trip under the command timeout (30 s by default). Cut at 64 candidates whatever their
/// histories, 64 candidates of long histories were one batch of 64 times one candidate's work: a writer of any of them
/// waited for all of it (a 503 past the timeout, as the batch's own round trip failed the rebuild), where refolded one
/// stream at a time it waited for its own candidate. A batch is also cut by its events (<c>MaxEvents</c>): seen here as
/// the stream locks one connection of the rebuild holds at once. On a database of its own: a rebuild folds every stream.
/// </summary>
public class RebuildBatchBoundsTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    private const int Candidates = 64;
    private const int DayActivities = 150;

    [Fact]
    public async Task A_rebuild_of_64_candidates_with_long_histories_neither_times_out_nor_makes_their_writer_wait_for_all_of_them()
    {
        var municipality = MunicipalityCode.Parse("GM0603");
        var events = api.Services.GetRequiredService<LedgerEvents>();
        var numbers = Enumerable.Range(1, Candidates).Select(i => CandidateNumber.Parse($"LONG-{i:D3}")).ToList();
        // Each history appended 50 events at a time.
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (number, ct) =>
        {
            var stream = CandidateEventTypes.StreamOf(municipality, number);
            var history = new List<ICandidateEvent>
            {
                new CandidateRegistered(number, municipality, new LocalDate(2000, 1, 3), 2, TargetGroup.Participatiewet, new LocalDate(1999, 1, 1)),
            };
            for (var i = 0; i < DayActivities; i++)
                history.Add(new DayActivityRecorded(i % 2 == 0 ? DayActivity.AtSchool : DayActivity.Working, new LocalDate(2000, 1, 10).PlusDays(7 * i)));
            var version = 0L;
            foreach (var chunk in history.Chunk(50))
            {
                await events.AppendAsync(new AppendRequest(municipality, stream, version, [.. chunk], new EventMetadata("wsp:rebuild-test", "rebuild-test")), ct);
                version += chunk.Length;
            }
        });

        const string activities = "SELECT count(*) FROM candidate_day_activities WHERE municipality = 'GM0603' AND candidate_number LIKE 'LONG-%'";
        var before = await CountAsync(activities);
        before.Should().BeGreaterThanOrEqualTo(Candidates * DayActivities, "each day activity has its row");

        // A writer of the last of them places it again and again while the rebuild runs.
        var wsp = await api.ClientAsync("wsp");
        var failures = new ConcurrentQueue<string>();
        var waits = new ConcurrentQueue<TimeSpan>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                var answer = await wsp.PostJsonAsync($"/api/v1/candidates/{numbers[^1]}/placements", Placement(hours: 8));
                waits.Enqueue(clock.Elapsed);
                if (answer.StatusCode != HttpStatusCode.Created)
                    failures.Enqueue($"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            }
        });

        // The most transaction-scoped advisory locks (streams' locks) one connection holds, while the rebuild runs.
        var mostHeld = 0L;
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                mostHeld = Math.Max(mostHeld, await CountAsync("""
                    SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM pg_locks
                                                     WHERE locktype = 'advisory' AND granted AND mode = 'ExclusiveLock' GROUP BY virtualtransaction) l
                    """));
                await Task.Delay(10);
            }
        });
        var rebuild = await api.Admin().PostAsync("/api/v1/admin/projections/rebuild", null);
        var body = await rebuild.Content.ReadAsStringAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writer, watcher);

        rebuild.StatusCode.Should().Be(HttpStatusCode.OK, $"the rebuild finishes (it answered: {body})");
        failures.Should().BeEmpty("a writer of a candidate being refolded waits for its batch, within the timeout");
        waits.Should().NotBeEmpty();
        mostHeld.Should().BeGreaterThan(0, "the rebuild's locks were seen (or the test proves nothing)");
        mostHeld.Should().BeLessThanOrEqualTo(1 + 1_024 / (DayActivities + 1),
            $"a batch holds the locks of no more candidates than 1,024 events allow (a writer waited at most {waits.Max().TotalSeconds:F1} s)");
        (await CountAsync(activities)).Should().Be(before, "the rebuild makes every day activity's row again");
    }

    [Fact]
    public void Batches_are_one_municipalitys_at_most_64_candidates_and_1024_events_in_the_lists_order()
    {
        var streams = Enumerable.Range(1, 65).Select(i => ("GM0603", $"candidate-GM0603-A{i:D3}", 1L))
            .Concat([("GM0606", "candidate-GM0606-B", 1L)])
            .Concat(Enumerable.Range(1, 5).Select(i => ("GM0607", $"candidate-GM0607-C{i}", 400L)))
            .Concat([("GM0608", "candidate-GM0608-D", 5_000L)]);
        var batches = Api.Admin.RebuildingProjections.CandidateBatchRefold.Batches(streams).ToList();
        batches.Select(b => (b.Tenant, b.Streams.Length)).Should().Equal(
            ("GM0603", 64), ("GM0603", 1), ("GM0606", 1), ("GM0607", 2), ("GM0607", 2), ("GM0607", 1), ("GM0608", 1));
        batches.SelectMany(b => b.Streams).Should().Equal(streams.Select(s => s.Item2), "every stream once, in the list's order");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = api.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
