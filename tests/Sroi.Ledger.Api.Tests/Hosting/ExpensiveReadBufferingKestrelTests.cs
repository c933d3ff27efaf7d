using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sroi.Ledger.Api.Tests.Hosting;

/// <summary>
/// The Kestrel fixture with the rate limits on (one node place for expensive reads, as on two cores) and the service's
/// log kept, for the attacks on RateLimiting/ExpensiveReadBuffering (session 40's review) that only a real Kestrel shows.
/// </summary>
public sealed class LimitedKestrelLedgerApi : KestrelLedgerApi
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Logged { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        base.ConfigureHost(host);
        host.UseSetting("SROI_REQUESTS_IN_FLIGHT_PER_CALLER", "3");
        host.UseSetting("SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER", "1");
        host.UseSetting("SROI_REQUESTS_QUEUED_PER_CALLER", "1");
        host.UseSetting("SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE", "1");
        host.ConfigureLogging(logging =>
        {
            logging.AddProvider(new KeptLog(Logged));
            logging.AddFilter<KeptLog>(null, LogLevel.Debug);
        });
    }

    /// <summary>People in the directory, straight into its table (as InFlightLimitTests seeds them).</summary>
    public Task SeedPeopleAsync(string prefix, int count, string name) =>
        RateLimiting.PeopleSeeding.SeedAsync(ConnectionString, prefix, count, name);

    public async Task<string> NewKeyAsync(string role)
    {
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(Admin(), "/api/v1/api-keys", new { role, municipality = "GM0603" });
        response.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }

    private sealed class KeptLog(ConcurrentQueue<(LogLevel, string, string, Exception?)> kept) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, kept);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> kept) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                kept.Enqueue((logLevel, category, formatter(state, exception), exception));
        }
    }
}

/// <summary>Session 40's attack on ExpensiveReadBuffering over a real Kestrel (raw HTTP/1.1).</summary>
public class ExpensiveReadBufferingKestrelTests(LimitedKestrelLedgerApi api) : IClassFixture<LimitedKestrelLedgerApi>
{
    private const string Verification = "/api/v1/audit/verification";

    [Fact]
    public async Task A_client_gone_mid_answer_logs_no_error_and_gives_its_place_back()
    {
        // 100 names of 100,000 characters: a 10 MB answer, more than the sockets hold unread, and more than an answer kept
        // whole (KeptAnswer.Cap): it goes out as it is written, and the client's reset cuts it off.
        await api.SeedPeopleAsync("gone-mid-drain-", 100, new string('n', 100_000));
        var key = await api.NewKeyAsync("admin");
        var before = api.Logged.Count;

        for (var i = 0; i < 4; i++)
        {
            using var tcp = new TcpClient { ReceiveBufferSize = 4096 };
            await tcp.ConnectAsync(api.Address.Host, api.Address.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/v1/people?pageSize=100 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n\r\n"));
            var some = new byte[1024];
            (await stream.ReadAsync(some)).Should().BePositive();
            // Reset, not a graceful close: the drain's next write fails.
            tcp.Client.LingerState = new LingerOption(true, 0);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Its places (3 in flight) are all back: three cheap reads at once are answered (cheap: the key has one expensive
        // place and one queued, so three expensive reads at once would be refused one whatever the drains).
        using var client = api.Client(key);
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetAsync("/api/v1/sroi-policies")));
        again.Select(r => (int)r.StatusCode).Should().AllBeEquivalentTo(200);
        var errors = api.Logged.Skip(before).Where(l => l.Level >= LogLevel.Error).Select(l => $"{l.Category}: {l.Message} {l.Exception?.GetType().Name}").ToList();
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_broken_chunked_body_is_answered_the_same_by_an_expensive_read_as_by_a_write()
    {
        var cheap = await AnswerAsync(BrokenChunked("/api/v1/sroi-policies"));
        var expensive = await AnswerAsync(BrokenChunked(Verification));

        expensive.Status.Should().Be(cheap.Status, $"expensive: {expensive.Text}\ncheap: {cheap.Text}");
        expensive.Body.Should().Contain("could not be read", expensive.Text);
    }

    [Fact]
    public async Task An_expensive_GET_with_a_body_is_answered_as_a_cheap_GET_with_one()
    {
        // A GET's body is read by no endpoint; the expensive read's is now read ahead (up to the limit and a byte).
        var body = new string('a', 1000);
        var cheap = await AnswerAsync($"GET /api/v1/sroi-policies HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        var expensive = await AnswerAsync($"GET /api/v1/people HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        cheap.Status.Should().Be(200, cheap.Text);
        expensive.Status.Should().Be(200, expensive.Text);
    }

    [Fact]
    public async Task An_expensive_GET_with_a_chunked_body_over_the_limit_is_answered_as_a_cheap_GET_with_one()
    {
        var sent = new string('a', KestrelLedgerApi.BodyLimit + 16 * 1024);
        string Request(string path) => $"GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{sent.Length:x}\r\n{sent}\r\n0\r\n\r\n";
        var cheap = await AnswerAsync(Request("/api/v1/sroi-policies"));
        var expensive = await AnswerAsync(Request("/api/v1/people"));
        expensive.Status.Should().Be(cheap.Status, $"expensive: {expensive.Text}\ncheap: {cheap.Text}");
    }

    [Fact]
    public async Task An_expensive_GET_whose_announced_body_never_comes_is_answered_as_promptly_as_a_cheap_one()
    {
        // A client that announces a body on a GET and sends none (a proxy or a library that adds Content-Length): the
        // cheap GET answers at once; the expensive one waits for the body that no endpoint reads.
        string Request(string path) => $"GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nContent-Length: 100\r\n\r\n";
        var (cheap, cheapTook, expensive, expensiveTook) = await CheapThenExpensiveAsync(Request);

        cheap.Status.Should().Be(200, cheap.Text);
        expensive.Status.Should().Be(200, $"after {expensiveTook.TotalSeconds:0.0} s: {expensive.Text}");
        expensiveTook.Should().BeLessThan(cheapTook + TimeSpan.FromSeconds(2), $"the cheap GET took {cheapTook.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_verification_waiting_on_Expect_100_continue_holds_no_node_place()
    {
        // The node has one place. A key announces a body with Expect: 100-continue and sends none: the read ahead asks
        // for it (Kestrel's 100 Continue) before the node's limiter, so another key's verification is answered meanwhile.
        var waitingKey = await api.NewKeyAsync("auditor");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.Address.Host, api.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {Verification} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {waitingKey}\r\n" +
            "Content-Type: application/json\r\nContent-Length: 2000\r\nExpect: 100-continue\r\n\r\n"));
        var continued = new byte[64];
        var got = await stream.ReadAsync(continued);
        Encoding.ASCII.GetString(continued, 0, got).Should().StartWith("HTTP/1.1 100 Continue");

        using var other = api.Client(await api.NewKeyAsync("auditor"));
        var clock = Stopwatch.StartNew();
        using var answered = await other.GetAsync(Verification);
        ((int)answered.StatusCode).Should().Be(200);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4), "Kestrel would end the silent body after its 5 s grace");
    }

    [Fact]
    public async Task A_verification_its_callers_own_limit_refuses_is_refused_429_before_it_is_asked_for_its_body()
    {
        // Session 40's attack, left open then: the key's one expensive place and its one queued place are taken (reads of a
        // locked table), so its verification will be refused 429. The caller's expensive limiter sat inside the read-ahead,
        // with the node's: the client was sent 100 Continue and its body read (up to the body limit), only to be refused.
        var key = await api.NewKeyAsync("admin");
        await using var people = await RateLimiting.HeldTable.LockAsync(api.ConnectionString, RateLimiting.HeldTable.People);
        using var client = api.Client(key);
        var holding = Enumerable.Range(0, 2).Select(_ => client.GetAsync(RateLimiting.HeldTable.PeopleRead)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(api.Address.Host, api.Address.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {Verification} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n" +
                "Content-Type: application/json\r\nContent-Length: 2000\r\nExpect: 100-continue\r\n\r\n"));
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var first = new byte[64];
            var got = await stream.ReadAsync(first, bound.Token);
            Encoding.ASCII.GetString(first, 0, got).Should().StartWith("HTTP/1.1 429", "the caller's limits refuse it before anything reads its body");
        }
        finally
        {
            await people.ReleaseAsync();
            (await Task.WhenAll(holding)).Select(r => (int)r.StatusCode).Should().AllBeEquivalentTo(200);
        }
    }

    [Fact]
    public async Task An_expensive_GET_asking_for_an_upgrade_is_answered_as_promptly_as_a_cheap_one()
    {
        // An upgradable request's "body" is the connection itself: no length, no data rate, no body limit.
        string Request(string path) => $"GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nConnection: Upgrade\r\nUpgrade: sroi-test\r\n\r\n";
        var (cheap, cheapTook, expensive, expensiveTook) = await CheapThenExpensiveAsync(Request);

        expensive.Status.Should().Be(cheap.Status, $"after {expensiveTook.TotalSeconds:0.0} s: {expensive.Text}\ncheap: {cheap.Text}");
        expensiveTook.Should().BeLessThan(cheapTook + TimeSpan.FromSeconds(2), $"the cheap GET took {cheapTook.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData("/api/v1/people?asKnownOn=2026-01-01T00:00:00Z")]
    [InlineData("/api/v1/people")]
    public async Task A_HEAD_of_an_expensive_read_is_no_500(string target)
    {
        var answer = await AnswerAsync($"HEAD {target} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nConnection: close\r\n\r\n", head: true);
        answer.Status.Should().BeLessThan(500, answer.Text);
    }

    [Fact]
    public async Task HTTP_2_with_prior_knowledge_is_not_served_in_clear_text()
    {
        using var client = new HttpClient { BaseAddress = api.Address, DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", LedgerApi.AdminKey);
        var act = async () => await client.GetAsync("/api/v1/people");
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    private static string BrokenChunked(string path)
    {
        var json = "{\"payload\":\"x\",\"signature\":\"y\"}";
        return $"POST {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {LedgerApi.AdminKey}\r\nContent-Type: application/json\r\n" +
            $"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{json.Length:x}\r\n{json}\r\nzz\r\n";
    }

    private sealed record Answer(int Status, string Body, string Text);

    /// <summary>The same request to a cheap read and then to an expensive one (the directory's list), each answer timed.</summary>
    private async Task<(Answer Cheap, TimeSpan CheapTook, Answer Expensive, TimeSpan ExpensiveTook)> CheapThenExpensiveAsync(Func<string, string> request)
    {
        var clock = Stopwatch.StartNew();
        var cheap = await AnswerAsync(request("/api/v1/sroi-policies"));
        var cheapTook = clock.Elapsed;
        clock.Restart();
        var expensive = await AnswerAsync(request("/api/v1/people"));
        return (cheap, cheapTook, expensive, clock.Elapsed);
    }

    /// <summary>Sends the request and reads one answer (by its Content-Length, its chunks, or the connection's end), within 20 s.</summary>
    private async Task<Answer> AnswerAsync(string request, bool head = false)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync(api.Address.Host, api.Address.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeout.Token);
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var text = Encoding.UTF8.GetString(received.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end > 0)
            {
                var headers = text[..end];
                var status = int.Parse(headers.Split(' ')[1]);
                var body = text[(end + 4)..];
                var length = headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                if (status == 100) { received.SetLength(0); received.Write(Encoding.UTF8.GetBytes(body)); continue; }
                if (head) return new Answer(status, "", text);
                if (length is not null && Encoding.UTF8.GetByteCount(body) >= int.Parse(length.Split(':')[1].Trim())) return new Answer(status, body, text);
                if (length is null && body.EndsWith("0\r\n\r\n", StringComparison.Ordinal)) return new Answer(status, body, text);
            }
            int read;
            try { read = await stream.ReadAsync(buffer, timeout.Token); }
            catch (IOException) { read = 0; }
            if (read == 0)
            {
                var all = Encoding.UTF8.GetString(received.ToArray());
                var at = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                return at > 0 ? new Answer(int.Parse(all.Split(' ')[1]), all[(at + 4)..], all) : new Answer(0, "", all);
            }
            received.Write(buffer, 0, read);
        }
    }
}
