using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Testing;
using Xunit.Abstractions;

namespace Sroi.Ledger.Reliability.Tests.Killing;

/// <summary>
/// A stop signal while the service starts (issue 23: it exited with 134, an unhandled exception). The service is held in
/// its preparation deterministically: the test holds the start-up lock, as another node preparing the database would, so
/// the service waits on it; SIGTERM then must end it cleanly (exit 0), and the lock released, the next start succeeds.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StopWhileStartingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SIGTERM_while_the_service_waits_to_prepare_the_database_exits_0_and_the_next_start_is_ready()
    {
        var owner = await TestPostgres.CreateDatabaseAsync("stop_starting");
        var login = await ServiceLogin.CreateAsync(owner);
        var port = LocalPostgresCluster.FreePort();
        ServiceProcess? service = null;
        try
        {
            await using (var otherNode = new NpgsqlConnection(login.Owner))
            {
                await otherNode.OpenAsync();
                await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock.LockKey})", otherNode))
                    await take.ExecuteNonQueryAsync();

                service = ServiceProcess.Launch(login, port);
                await WaitUntilWaitingForTheLockAsync(otherNode, service, TimeSpan.FromSeconds(90));
                var clock = Stopwatch.StartNew();
                var exit = await service.TerminateAsync(TimeSpan.FromSeconds(30));
                output.WriteLine($"[reliability] SIGTERM while waiting to prepare: exit {exit?.ToString() ?? "none (killed)"} after {clock.ElapsedMilliseconds} ms");

                exit.Should().Be(0, service.RecentOutput);
                service.RecentOutput.Should().Contain("Stopped while preparing the database");
                // The other node is done: its pooled session would keep the lock past this block.
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", otherNode);
                await release.ExecuteNonQueryAsync();
            }

            // The first preparation of this database (the stopped start did none): minutes on a loaded machine.
            service = await ServiceProcess.StartAsync(login, port, startTimeout: TimeSpan.FromMinutes(5));
            using var client = ServiceProcess.Client(port, ServiceLogin.AdminKey);
            using var policies = await client.GetAsync("/api/v1/sroi-policies");
            ((int)policies.StatusCode).Should().Be(200);
            var stopped = await service.TerminateAsync(TimeSpan.FromSeconds(30));
            stopped.Should().Be(0, "a running service stops with 0 too");
        }
        finally
        {
            service?.KillHard();
            await TestPostgres.DropDatabaseAsync(owner);
            await login.DropRoleAsync(await TestPostgres.AdminConnectionStringAsync());
        }
    }

    /// <summary>
    /// A database that takes the connection and never answers (session 42's attack: a stop then ended in 134 once the open
    /// gave up, with Npgsql's timeout, the open not stopping for the stop): the stop asked for is still a clean exit.
    /// </summary>
    [Fact]
    public async Task SIGTERM_while_the_database_takes_the_connection_and_never_answers_exits_0()
    {
        using var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var accepted = new ConcurrentBag<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true) accepted.Add(await blackHole.AcceptTcpClientAsync());
        }).ContinueWith(stopped => stopped.Exception, TaskContinuationOptions.OnlyOnFaulted);
        var hole = $"Host=127.0.0.1;Port={((IPEndPoint)blackHole.LocalEndpoint).Port};Username=nobody;Password=nothing;Database=none;Timeout=5";
        var service = ServiceProcess.Launch(new ServiceLogin(hole, hole, "nobody"), LocalPostgresCluster.FreePort());
        try
        {
            var clock = Stopwatch.StartNew();
            while (accepted.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (service.HasExited) throw new InvalidOperationException($"The service exited before it connected:\n{service.RecentOutput}");
                await Task.Delay(20);
            }
            accepted.Should().NotBeEmpty("the service connected to the database that does not answer");

            clock.Restart();
            var exit = await service.TerminateAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"[reliability] SIGTERM while the database does not answer: exit {exit?.ToString() ?? "none (killed)"} after {clock.ElapsedMilliseconds} ms");
            exit.Should().Be(0, service.RecentOutput);
            service.RecentOutput.Should().Contain("Stopped while preparing the database").And.NotContain("Unhandled exception");
        }
        finally
        {
            service.KillHard();
            blackHole.Stop();
            foreach (var client in accepted) client.Dispose();
        }
    }

    /// <summary>Until PostgreSQL shows a session waiting for the start-up lock (the service's), or the service exits.</summary>
    private static async Task WaitUntilWaitingForTheLockAsync(NpgsqlConnection connection, ServiceProcess service, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (service.HasExited) throw new InvalidOperationException($"The service exited while starting:\n{service.RecentOutput}");
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()", connection);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The service did not wait for the start-up lock within {timeout}:\n{service.RecentOutput}");
    }
}
