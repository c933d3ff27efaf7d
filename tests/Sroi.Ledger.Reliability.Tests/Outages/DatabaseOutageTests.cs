using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Reliability.Tests.Outages;
using Xunit.Abstractions;

namespace Sroi.Ledger.Reliability.Tests.Outages;

/// <summary>
/// PostgreSQL stopped (pg_ctl stop -m fast, and -m immediate as in a crash) under six concurrent writers, and started
/// again: while it is away every answer is a 503 problem+json with Retry-After, never a 500; after it is back writes
/// are acknowledged again without restarting the service, and every acknowledged write is in the ledger once.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Away = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("fast")]
    [InlineData("immediate")]
    public async Task While_PostgreSQL_is_stopped_clients_get_503_with_Retry_After_and_no_acknowledged_write_is_lost(string mode)
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var login = await ServiceLogin.CreateAsync(await postgres.CreateDatabaseAsync("outage"));
        await using var service = new InProcessLedger(login);
        var load = await WriteLoad.StartAsync(service.Client, writers: 6);
        await load.AcknowledgedAsync(30, TimeSpan.Zero, TimeSpan.FromSeconds(60));

        var stopping = load.Now;
        await postgres.Cluster.StopServerAsync(mode);
        var stopped = load.Now;
        await Task.Delay(Away);
        using var live = await service.Client().GetAsync("/health/live");
        using var ready = await service.Client().GetAsync("/health/ready");
        // Reads too: the admin key needs no database to be recognised, so this is the read itself that fails.
        using var read = await service.Client(ServiceLogin.AdminKey).GetAsync($"/api/v1/contracts/{load.ContractId}");
        var starting = load.Now;
        await postgres.Cluster.StartServerAgainAsync();
        var started = load.Now;
        var firstAcknowledged = await load.AcknowledgedAsync(30, started, TimeSpan.FromSeconds(60));
        await load.StopAsync();

        var whileAway = load.Answers.Where(a => a.SentAt > stopped && a.AnsweredAt < starting).ToList();
        var audit = await LedgerAudit.OfAsync(load, login, service.Client(ServiceLogin.AdminKey));
        Report(mode, load, stopping, stopped, starting, started, firstAcknowledged, whileAway, audit);

        live.StatusCode.Should().Be(HttpStatusCode.OK, "the process is up though the database is not");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        ready.Headers.RetryAfter.Should().NotBeNull();
        ready.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ready.Headers.GetValues("API-Version").Should().Equal("1.0.0");
        read.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        read.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        read.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        whileAway.Should().NotBeEmpty("the writers kept sending while PostgreSQL was away");
        whileAway.Where(a => !a.IsRetryable503).Should().BeEmpty("while the database is away every answer is a 503 problem+json with Retry-After");
        load.Answers.Where(a => a.Status >= 500 && !a.IsRetryable503).Should().BeEmpty("no 500, ever");
        load.Answers.Where(a => a.Status == 0).Should().BeEmpty("the service itself stayed up and answered every request");
        load.GivenUp.Should().BeEmpty();
        audit.ShouldBeWhole(load);
        using var readyAgain = await service.Client().GetAsync("/health/ready");
        readyAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await readyAgain.Content.ReadAsStringAsync())!["database"]!["status"]!.GetValue<string>().Should().Be("up");
    }

    /// <summary>
    /// A restart nobody saw leaves the pool full of connections the old server closed, and Npgsql hands them out
    /// unchecked: the first request meets one, Npgsql then clears the pool, so the next ones open fresh connections.
    /// </summary>
    [Fact]
    public async Task After_a_restart_while_idle_at_most_one_request_meets_a_closed_connection()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var login = await ServiceLogin.CreateAsync(await postgres.CreateDatabaseAsync("idle_restart"));
        await using var service = new InProcessLedger(login);
        var load = await WriteLoad.StartAsync(service.Client, writers: 6);
        await load.AcknowledgedAsync(30, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        await load.StopAsync();

        await postgres.Cluster.StopServerAsync("fast");
        await postgres.Cluster.StartServerAgainAsync();
        var statuses = new List<int>();
        for (var attempt = 0; attempt < 50 && statuses.LastOrDefault() != 200; attempt++)
        {
            // A read behind a key the role check looks up with plain Npgsql: Marten's own read retries do not hide a stale connection.
            using var response = await load.ProcurementClient.GetAsync($"/api/v1/contracts/{load.ContractId}");
            statuses.Add((int)response.StatusCode);
        }

        output.WriteLine($"[reliability] restart while idle: answers until the first 200: {string.Join(", ", statuses)}");
        statuses.Last().Should().Be(200);
        statuses.Count(s => s == 503).Should().BeLessThanOrEqualTo(1);
    }

    private void Report(string mode, WriteLoad load, TimeSpan stopping, TimeSpan stopped, TimeSpan starting, TimeSpan started,
        TimeSpan firstAcknowledged, IReadOnlyList<Answer> whileAway, LedgerAudit audit)
    {
        static string ByStatus(IEnumerable<Answer> answers) =>
            string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        var afterStart = load.Answers.Where(a => a.AnsweredAt > started && a.Status != 201).ToList();
        output.WriteLine($"[reliability] outage -m {mode}: pg_ctl stop took {(stopped - stopping).TotalMilliseconds:0} ms, " +
            $"start {(started - starting).TotalMilliseconds:0} ms; database away {(started - stopping).TotalSeconds:0.0} s");
        output.WriteLine($"[reliability]   all answers: {ByStatus(load.Answers)}; 5xx other than 503 problem+json with Retry-After: " +
            $"{load.Answers.Count(a => a.Status >= 500 && !a.IsRetryable503)}");
        output.WriteLine($"[reliability]   while stopping: {ByStatus(load.Answers.Where(a => a.AnsweredAt > stopping && a.SentAt < stopped))}");
        output.WriteLine($"[reliability]   while away: {ByStatus(whileAway)}");
        output.WriteLine($"[reliability]   after pg_ctl start returned, other than 201: {ByStatus(afterStart)}; first 2xx " +
            $"{(firstAcknowledged - started).TotalMilliseconds:0} ms after pg_ctl start returned");
        var unknown = load.Answers.Where(a => a.Detail.Contains("may or may not have been recorded")).Select(a => a.Key).ToHashSet();
        output.WriteLine($"[reliability]   503s saying the outcome is unknown: {unknown.Count}; of those writes, recorded after all " +
            $"(replayed on the retry with their key): {load.Answers.Count(a => a.Replayed && unknown.Contains(a.Key))}");
        output.WriteLine($"[reliability]   {audit}");
    }
}
