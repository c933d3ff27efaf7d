using System.Net;
using System.Text;
using Npgsql;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// One caller cannot take the service from another (issue 23): each key has <see cref="RateLimitedApi.InFlight"/> requests
/// in flight and <see cref="RateLimitedApi.Queued"/> waiting, of which <see cref="RateLimitedApi.ExpensiveInFlight"/>
/// expensive reads; beyond that a 429 at once, while another key is served. The node runs
/// <see cref="RateLimitedApi.NodeExpensiveInFlight"/> expensive reads at once, its places going round the keys. A request is
/// held in flight, with no clock involved, for as long as the test says: a write by its body (<see cref="HeldBody"/>: the
/// endpoint reads it after the limiters have let the request in); an expensive read by a table it reads
/// (<see cref="HeldTable"/>), since its body is read and its answer kept outside the node's limiter
/// (RateLimiting/ExpensiveReadBuffering): a slow client holds none of the node's places.
/// </summary>
public class InFlightLimitTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    [Fact]
    public async Task A_key_with_its_requests_in_flight_and_waiting_gets_429_at_once_while_another_key_is_served()
    {
        var flooding = await api.NewKeyAsync("inkoop");
        var other = await api.NewKeyAsync("inkoop");
        var held = Enumerable.Range(0, RateLimitedApi.InFlight + RateLimitedApi.Queued).Select(_ => new HeldBody()).ToList();
        var holding = held.Select(body => flooding.PostAsync("/api/v1/contracts", body)).ToList();

        // The held requests fill the key's places in flight and in the queue: its next request is refused at once.
        var refused = await RefusedAsync(ct => flooding.GetAsync("/api/v1/sroi-policies", ct));
        var problem = await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        problem["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/too-many-requests");
        problem["detail"]!.GetValue<string>().Should().Contain("Too many requests at once from this API key").And.Contain("retry after 1 s");

        // Another key gets its whole share, in flight and waiting, meanwhile.
        var served = await Task.WhenAll(Enumerable.Range(0, RateLimitedApi.InFlight + RateLimitedApi.Queued)
            .Select(_ => other.GetAsync("/api/v1/sroi-policies")));
        served.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK, "one key's requests in flight take nothing from another key");

        // Released, the held requests are answered for what they are (an empty registration: 400), none refused, and the
        // key has its requests again.
        foreach (var body in held) body.Release();
        var answers = await Task.WhenAll(holding);
        answers.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
        (await flooding.GetAsync("/api/v1/sroi-policies")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_with_its_expensive_reads_in_flight_gets_429_for_another_but_not_for_a_cheap_read_and_another_key_reads()
    {
        var flooding = await api.NewKeyAsync("admin");
        var other = await api.NewKeyAsync("auditor");
        await using var people = await HeldTable.LockAsync(api.ConnectionString, HeldTable.People);
        var holding = Enumerable.Range(0, RateLimitedApi.ExpensiveInFlight + RateLimitedApi.Queued)
            .Select(_ => flooding.GetAsync(HeldTable.PeopleRead)).ToList();

        var refused = await RefusedAsync(ct => flooding.GetAsync("/api/v1/audit/verification", ct));
        await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await flooding.GetAsync("/api/v1/audit/public-key")).StatusCode.Should().Be(HttpStatusCode.OK,
            "the key has room in flight for a read that is not expensive");
        (await other.GetAsync("/api/v1/audit/verification")).StatusCode.Should().Be(HttpStatusCode.OK,
            "another key's expensive read is not held up by the first key's");

        await people.ReleaseAsync();
        (await Task.WhenAll(holding)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        (await flooding.GetAsync("/api/v1/audit/verification")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_its_expensive_reads_in_flight_a_key_is_refused_the_histories_the_report_list_and_any_read_as_known_on_a_moment()
    {
        var flooding = await api.NewKeyAsync("admin");
        await using var people = await HeldTable.LockAsync(api.ConnectionString, HeldTable.People);
        var holding = Enumerable.Range(0, RateLimitedApi.ExpensiveInFlight + RateLimitedApi.Queued)
            .Select(_ => flooding.GetAsync(HeldTable.PeopleRead)).ToList();
        var contract = Guid.NewGuid();

        // Each folds a stream (or reads every report of a contract), so each counts among the key's expensive reads; the
        // limiter answers before the endpoint, so an unknown contract is refused as a known one would be.
        string[] expensive =
        [
            "/api/v1/sroi-policies/history",
            $"/api/v1/contracts/{contract}/history",
            $"/api/v1/contracts/{contract}/fulfilments",
            $"/api/v1/contracts/{contract}?asKnownOn=2026-01-01T00:00:00Z",
            $"/api/v1/contracts/{contract}/balance?knownOn=2026-01-01T00:00:00Z",
            "/api/v1/sroi-policies?ASKNOWNON=2026-01-01T00:00:00Z",
        ];
        foreach (var path in expensive)
        {
            var refused = await RefusedAsync(ct => flooding.GetAsync(path, ct));
            await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1), path);
        }
        // The same reads of today's stored documents are not expensive.
        (await flooding.GetAsync("/api/v1/sroi-policies")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await flooding.GetAsync($"/api/v1/contracts/{contract}")).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "a contract read without a moment passes the expensive reads' limit and reaches the endpoint");
        // A write naming a moment is no read as known on it: not among the expensive reads, so it reaches authorization at
        // once (an admin may not register contracts) instead of waiting for a place to be refused.
        (await flooding.PostAsync("/api/v1/contracts?asKnownOn=2026-01-01T00:00:00Z", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await people.ReleaseAsync();
        (await Task.WhenAll(holding)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        (await flooding.GetAsync("/api/v1/sroi-policies/history")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_the_nodes_expensive_reads_taken_a_third_keys_cheap_read_is_answered_and_its_expensive_read_goes_before_the_first_keys_next()
    {
        var first = await api.NewKeyAsync("admin");
        var second = await api.NewKeyAsync("admin");
        var third = await api.NewKeyAsync("auditor");
        // The first key's expensive read in flight and its next waiting in the key's own queue; the second key's in flight:
        // the node's two places (RateLimitedApi.NodeExpensiveInFlight) are taken. The first key's read waits for the people
        // table; its next, and the second key's read, for the placements table.
        await using var people = await HeldTable.LockAsync(api.ConnectionString, HeldTable.People);
        await using var placements = await HeldTable.LockAsync(api.ConnectionString, HeldTable.Placements);
        var firstRunning = first.GetAsync(HeldTable.PeopleRead);
        var secondRunning = second.GetAsync(HeldTable.PlacementsRead);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var firstWaiting = first.GetAsync(HeldTable.PlacementsRead);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var thirdExpensive = third.GetAsync("/api/v1/audit/verification");
        await Task.Delay(TimeSpan.FromSeconds(1));
        thirdExpensive.IsCompleted.Should().BeFalse("the node's expensive reads are all taken by the other two keys, so it waits its turn");
        (await third.GetAsync("/api/v1/audit/public-key")).StatusCode.Should().Be(HttpStatusCode.OK,
            "a cheap read is not limited by the node's expensive reads");
        (await first.GetAsync("/api/v1/audit/public-key")).StatusCode.Should().Be(HttpStatusCode.OK,
            "nor is the flooding key's own");

        // The first key's read ends. Its place goes to the third key, which waited in the node's queue, not to the first
        // key's next, which waited in the key's own: had the first key's next taken it, it would hold it until its body
        // table is released (never, here) and the third key's read would wait with it.
        await people.ReleaseAsync();
        (await firstRunning).StatusCode.Should().Be(HttpStatusCode.OK);
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            (await thirdExpensive.WaitAsync(bound.Token)).StatusCode.Should().Be(HttpStatusCode.OK,
                "the node's places go round the keys: the third key's expensive read is served before the first key's next");
        firstWaiting.IsCompleted.Should().BeFalse("the first key's next read holds the place after the third key's, waiting for its table");

        await placements.ReleaseAsync();
        (await Task.WhenAll(firstWaiting, secondRunning)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        (await third.GetAsync("/api/v1/audit/verification")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_the_nodes_expensive_reads_taken_a_request_without_a_known_key_is_refused_401_at_once_rather_than_queued()
    {
        // Session 39's attack: a request with no key or an unknown one was counted by its address and waited in the node's
        // queue for one of its places, only to be refused by authorization once it had one: from many addresses, requests
        // that would never read anything queued in front of the keys' reads.
        await using var node = await HoldTheNodeAsync();

        foreach (var (caller, client) in new[] { ("no key", api.Client()), ("an unknown key", api.Client("not-a-key-of-this-ledger-0123456789")) })
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var answer = await client.GetAsync("/api/v1/audit/verification", bound.Token)
                .ContinueWith(t => t.IsCanceled ? null : t.Result, TaskScheduler.Default);
            answer.Should().NotBeNull($"a request with {caller} is refused at once, not queued for the node's expensive reads");
            answer!.StatusCode.Should().Be(HttpStatusCode.Unauthorized, caller);
        }

        await node.ReleaseAsync();
    }

    [Fact]
    public async Task A_key_whose_waiting_expensive_reads_are_given_up_has_its_places_back_at_once()
    {
        // Session 39's attack: a client that gives up while it waits (a closed tab, a timeout) must not leave its place in
        // the queues taken, or a key would be refused for requests it no longer has.
        await using var node = await HoldTheNodeAsync();
        var waiting = await api.NewKeyAsync("auditor");

        // The key's place and its queue taken: one read waits for the node, one for the key's place.
        using (var givingUp = new CancellationTokenSource())
        {
            var given = Enumerable.Range(0, RateLimitedApi.ExpensiveInFlight + RateLimitedApi.Queued)
                .Select(_ => waiting.GetAsync("/api/v1/audit/verification", givingUp.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(1));
            given.Should().OnlyContain(t => !t.IsCompleted, "the node's places are taken");
            await givingUp.CancelAsync();
            foreach (var read in given)
                await read.Invoking(r => r).Should().ThrowAsync<OperationCanceledException>();
        }
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // As many again wait (none refused) and are served once the node has places.
        var again = Enumerable.Range(0, RateLimitedApi.ExpensiveInFlight + RateLimitedApi.Queued)
            .Select(_ => waiting.GetAsync("/api/v1/audit/verification")).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        again.Where(t => t.IsCompleted).Should().BeEmpty("the given-up reads left the key's place and queue free, so none is refused");
        await node.ReleaseAsync();
        (await Task.WhenAll(again)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expensive_read_whose_body_arrives_slowly_holds_no_place_of_the_nodes()
    {
        // Session 39's attack: a body sent at Kestrel's floor of 240 B/s kept one of the node's places for minutes (the
        // endpoint read it after the limiter), and on two cores the node has one. Now it is read before the node's limiter.
        var bodies = Enumerable.Range(0, RateLimitedApi.NodeExpensiveInFlight + 1).Select(_ => new HeldBody()).ToList();
        var sending = new List<Task<HttpResponseMessage>>();
        foreach (var body in bodies)
            sending.Add((await api.NewKeyAsync("auditor")).PostAsync("/api/v1/audit/verification", body));
        await Task.Delay(TimeSpan.FromSeconds(1));
        sending.Should().OnlyContain(t => !t.IsCompleted, "none of their bodies has arrived");

        HttpResponseMessage? answer;
        try
        {
            var reader = await api.NewKeyAsync("auditor");
            answer = await AnsweredWithinTenSecondsAsync(reader.GetAsync("/api/v1/audit/verification"));
        }
        finally
        {
            // Released whatever the outcome: bodies left unsent would hold places in the tests after this one.
            foreach (var body in bodies) body.Release();
        }
        answer.Should().NotBeNull("more keys than the node has places are sending bodies slowly, and they hold none of its places");
        answer!.StatusCode.Should().Be(HttpStatusCode.OK);

        // Their bodies arrived, each is read as it would have been: "{}" is no checkpoint.
        (await Task.WhenAll(sending)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_expensive_read_whose_answer_is_read_slowly_holds_no_place_of_the_nodes()
    {
        // Session 39's attack, the other way round: an answer read slowly kept the place while the endpoint waited to write
        // it. A page of 100 people of 2,000-character names (about 200 KB) is more than the test server's transport holds
        // unread (64 KiB), so a reader that reads nothing stops a write that is not kept.
        await PeopleSeeding.SeedAsync(api.ConnectionString, "slow-reader-", 100, new string('n', 2_000));
        var unread = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < RateLimitedApi.NodeExpensiveInFlight + 1; i++)
            unread.Add((await api.NewKeyAsync("admin")).GetAsync("/api/v1/people?pageSize=100", HttpCompletionOption.ResponseHeadersRead));
        await Task.Delay(TimeSpan.FromSeconds(2));

        try
        {
            var reader = await api.NewKeyAsync("auditor");
            var answer = await AnsweredWithinTenSecondsAsync(reader.GetAsync("/api/v1/audit/verification"));
            answer.Should().NotBeNull("more keys than the node has places read their answers not at all, and they hold none of its places");
            answer!.StatusCode.Should().Be(HttpStatusCode.OK);

            // Read at last, each answer is whole, its length announced.
            foreach (var response in await Task.WhenAll(unread))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                var text = await response.Content.ReadAsStringAsync();
                response.Content.Headers.ContentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(text));
                System.Text.Json.Nodes.JsonNode.Parse(text)!["items"]!.AsArray().Count.Should().Be(100);
            }
        }
        finally
        {
            // Given up whatever the outcome: answers left unread would hold places in the tests after this one.
            foreach (var response in unread.Where(t => t.IsCompletedSuccessfully)) (await response).Dispose();
        }
    }


    /// <summary>The answer, or null when it has not come within 10 s (said by the caller's assertion, not a hung run).</summary>
    private static async Task<HttpResponseMessage?> AnsweredWithinTenSecondsAsync(Task<HttpResponseMessage> answer) =>
        await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(10))) == answer ? await answer : null;

    /// <summary>The node's places (<see cref="RateLimitedApi.NodeExpensiveInFlight"/>) held by as many keys' expensive reads.</summary>
    private async Task<HeldNode> HoldTheNodeAsync()
    {
        // Released with the HeldNode, which the test disposes, not here.
        var people = await HeldTable.LockAsync(api.ConnectionString, HeldTable.People);
        var running = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < RateLimitedApi.NodeExpensiveInFlight; i++)
            running.Add((await api.NewKeyAsync("admin")).GetAsync(HeldTable.PeopleRead));
        await Task.Delay(TimeSpan.FromSeconds(1));
        running.Should().OnlyContain(t => !t.IsCompleted, "each read waits for the people table, holding a place of the node's");
        return new HeldNode(people, running);
    }

    private sealed record HeldNode(HeldTable Table, List<Task<HttpResponseMessage>> Running) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Table.DisposeAsync();

        public async Task ReleaseAsync()
        {
            await Table.ReleaseAsync();
            (await Task.WhenAll(Running)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        }
    }

    /// <summary>
    /// The key's next request, once its held requests have had time to reach the limiter (in process: milliseconds; a
    /// second is ample on a loaded machine). Sent earlier, it could take a held request's place in the queue and wait there
    /// for ever; so it is bounded too, and a wait is said plainly rather than hanging the run.
    /// </summary>
    private static async Task<HttpResponseMessage> RefusedAsync(Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await send(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            throw new TimeoutException("The key's next request waited 10 s instead of being refused: its held requests had not all reached the limiter.");
        }
    }

    /// <summary>
    /// A JSON body (an empty object) that arrives only when released: its request stays in flight, past the limiter, until
    /// then. Its length is announced: a request with neither a length nor chunking has no body as far as ASP.NET is concerned.
    /// </summary>
    private sealed class HeldBody : HttpContent
    {
        private static readonly byte[] Json = "{}"u8.ToArray();
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBody() => Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        public void Release() => released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await released.Task;
            await stream.WriteAsync(Json);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Json.Length;
            return true;
        }
    }
}
