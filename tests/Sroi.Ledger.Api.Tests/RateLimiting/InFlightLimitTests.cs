using System.Net;
using System.Text;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// One caller cannot take the service from another (issue 23): each key has <see cref="RateLimitedApi.InFlight"/> requests
/// in flight and <see cref="RateLimitedApi.Queued"/> waiting, of which <see cref="RateLimitedApi.ExpensiveInFlight"/>
/// expensive reads; beyond that a 429 at once, while another key is served. A request is held in flight by its body: the
/// endpoint reads it after the limiter has let the request in, and a body that has not finished arriving keeps it there
/// for as long as the test says, with no clock involved.
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

        // The held requests reach the limiter in their own time: the next request of the key is refused once they have.
        var refused = await RefusedAsync(() => flooding.GetAsync("/api/v1/sroi-policies"));
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
        foreach (var body in held) body.Release("{}");
        var answers = await Task.WhenAll(holding);
        answers.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.BadRequest);
        (await flooding.GetAsync("/api/v1/sroi-policies")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_key_with_its_expensive_reads_in_flight_gets_429_for_another_but_not_for_a_cheap_read_and_another_key_reads()
    {
        var flooding = await api.NewKeyAsync("auditor");
        var other = await api.NewKeyAsync("auditor");
        var held = Enumerable.Range(0, RateLimitedApi.ExpensiveInFlight + RateLimitedApi.Queued).Select(_ => new HeldBody()).ToList();
        var holding = held.Select(body => flooding.PostAsync("/api/v1/audit/verification", body)).ToList();

        var refused = await RefusedAsync(() => flooding.GetAsync("/api/v1/audit/verification"));
        await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await flooding.GetAsync("/api/v1/audit/public-key")).StatusCode.Should().Be(HttpStatusCode.OK,
            "the key has room in flight for a read that is not expensive");
        (await other.GetAsync("/api/v1/audit/verification")).StatusCode.Should().Be(HttpStatusCode.OK,
            "another key's expensive read is not held up by the first key's");

        foreach (var body in held) body.Release("{}");
        (await Task.WhenAll(holding)).Select(r => r.StatusCode).Should().NotContain(HttpStatusCode.TooManyRequests);
        (await flooding.GetAsync("/api/v1/audit/verification")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Sends until the first 429 (at most 10 s), the requests before it being the key's own slots not yet full.</summary>
    private static async Task<HttpResponseMessage> RefusedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return response;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"No 429 within 10 s; the last answer was {(int)response.StatusCode}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A JSON body that arrives only when released: its request stays in flight, past the limiter, until then.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly TaskCompletionSource<string> released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBody() => Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        public void Release(string json) => released.TrySetResult(json);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var json = await released.Task;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
