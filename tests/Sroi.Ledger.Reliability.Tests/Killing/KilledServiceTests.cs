using System.Diagnostics;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Testing;
using Xunit.Abstractions;

namespace Sroi.Ledger.Reliability.Tests.Killing;

/// <summary>
/// The service killed with SIGKILL under six concurrent writers, three times, and started again: no acknowledged
/// write is lost, none is recorded twice (the writers resend what got no answer with the same Idempotency-Key), and
/// every stream's hash chain still recomputes. PostgreSQL (the shared test server) stays up throughout.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class KilledServiceTests(ITestOutputHelper output)
{
    private const int Rounds = 3;

    [Fact]
    public async Task A_service_killed_with_SIGKILL_under_write_load_loses_no_acknowledged_write()
    {
        var owner = await TestPostgres.CreateDatabaseAsync("kill9");
        var login = await ServiceLogin.CreateAsync(owner);
        var port = LocalPostgresCluster.FreePort();
        var service = await ServiceProcess.StartAsync(login, port);
        try
        {
            var load = await WriteLoad.StartAsync(key => ServiceProcess.Client(port, key), writers: 6);
            for (var round = 1; round <= Rounds; round++)
            {
                await load.AcknowledgedAsync(20, load.Now, TimeSpan.FromSeconds(60));
                var killed = load.Now;
                service.KillHard();
                var restart = Stopwatch.StartNew();
                service = await ServiceProcess.StartAsync(login, port);
                var ready = load.Now;
                var first = await load.AcknowledgedAsync(20, ready, TimeSpan.FromSeconds(60));
                var down = load.Answers.Where(a => a.AnsweredAt > killed && a.SentAt < ready).ToList();
                output.WriteLine($"[reliability] kill -9 round {round}: restarted and ready in {restart.ElapsedMilliseconds} ms; " +
                    $"requests without an answer meanwhile {down.Count(a => a.Status == 0)}, other answers {down.Count(a => a.Status != 0)}; " +
                    $"first 2xx {(first - ready).TotalMilliseconds:0} ms after ready");
            }
            await load.StopAsync();

            var audit = await LedgerAudit.OfAsync(load, login, ServiceProcess.Client(port, ServiceLogin.AdminKey));
            output.WriteLine($"[reliability] kill -9 x{Rounds}: answers {string.Join(", ", load.Answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}; " +
                $"replayed after a lost answer {load.Answers.Count(a => a.Replayed)}; {audit}");
            load.Answers.Where(a => a.Status >= 500).Should().BeEmpty("the database stayed up: no 5xx at all");
            load.GivenUp.Should().BeEmpty();
            audit.ShouldBeWhole(load);
        }
        finally
        {
            service.KillHard();
            await TestPostgres.DropDatabaseAsync(owner);
            await login.DropRoleAsync(await TestPostgres.AdminConnectionStringAsync());
        }
    }
}
