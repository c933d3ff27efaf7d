using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// Session 40's review of RateLimiting/ExpensiveReadBuffering, with the limits on (<see cref="RateLimitedApi"/>): what a
/// slow reader still holds, and whether a kept answer is sent as it was written.
/// </summary>
public class ExpensiveReadBufferingAttackTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    [Fact]
    public async Task A_slowly_read_answer_keeps_its_callers_own_places_until_its_last_byte()
    {
        // 100 names of 2,000 characters: about 200 KB, more than the test server's transport holds unread (64 KiB).
        await SeedPeopleAsync("own-place-", 100, new string('n', 2_000));
        var reader = await api.NewKeyAsync("admin");
        using var unread = await reader.GetAsync("/api/v1/people?pageSize=100", HttpCompletionOption.ResponseHeadersRead);

        // The node's limiter has let go of it (its answer is being drained), the caller's limiters have not: its one
        // expensive place (session 41: with the caller's expensive limiter outermost) and one of its places in flight.
        var queued = reader.GetAsync("/api/v1/people?pageSize=1");
        await Task.Delay(TimeSpan.FromSeconds(1));
        queued.IsCompleted.Should().BeFalse("the key's expensive place is held by its unread answer; its next expensive read waits in its queue");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        (await reader.GetAsync("/api/v1/people?pageSize=1", bound.Token)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests,
            "its queue of one is taken");
        (await reader.GetAsync("/api/v1/sroi-policies", bound.Token)).StatusCode.Should().Be(HttpStatusCode.OK,
            "a cheap read takes its third place in flight");
        var other = await api.NewKeyAsync("admin");
        (await other.GetAsync("/api/v1/people?pageSize=1", bound.Token)).StatusCode.Should().Be(HttpStatusCode.OK,
            "the unread answer holds no place of the node's");

        await unread.Content.ReadAsByteArrayAsync();
        (await queued).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_slow_readers_kept_answers_pin_no_more_than_a_bounded_share_of_the_nodes_disk()
    {
        // Session 40's review: answers were kept whole, past 32 KiB in a temporary file (ASPNETCORE_TEMP or the system's),
        // held until the client had read the last byte (at Kestrel's floor of 240 B/s a 100 MB history CSV takes days):
        // three unread 2 MB answers of one key were 6 MB on disk. Now at most KeptAnswer.Cap (1 MiB) an answer is kept;
        // the rest goes out as it is written, within the read's place, its reader held to a real rate.
        await SeedPeopleAsync("disk-", 100, new string('d', 20_000));
        var temp = Environment.GetEnvironmentVariable("ASPNETCORE_TEMP") is { Length: > 0 } set ? set : Path.GetTempPath();
        var before = Directory.GetFiles(temp, "ASPNETCORE_*.tmp").ToHashSet();
        var reader = await api.NewKeyAsync("admin");
        var unread = new List<HttpResponseMessage>();
        try
        {
            // As many as it may have at once: since session 41 its expensive places (one) are held until the last byte too.
            for (var i = 0; i < RateLimitedApi.ExpensiveInFlight; i++)
                unread.Add(await reader.GetAsync("/api/v1/people?pageSize=100", HttpCompletionOption.ResponseHeadersRead));
            await Task.Delay(TimeSpan.FromSeconds(1));

            var kept = Directory.GetFiles(temp, "ASPNETCORE_*.tmp").Where(f => !before.Contains(f)).Select(f => new FileInfo(f).Length).ToList();
            kept.Sum().Should().BeLessThan(RateLimitedApi.ExpensiveInFlight * (1L << 20),
                $"one key's {unread.Count} unread answers keep {kept.Count} temporary files of {string.Join(", ", kept)} bytes in {temp}");
        }
        finally
        {
            foreach (var response in unread) response.Dispose();
        }
    }

    [Fact]
    public async Task A_kept_answer_of_non_ASCII_text_announces_its_length_in_bytes_and_arrives_whole()
    {
        var name = string.Concat(Enumerable.Repeat("é€😀ß", 5_000));
        await SeedPeopleAsync("non-ascii-", 20, name);
        var reader = await api.NewKeyAsync("admin");

        using var response = await reader.GetAsync("/api/v1/people?pageSize=100");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        System.Text.Encoding.UTF8.GetString(bytes).Length.Should().BeLessThan(bytes.Length, "the answer carries multi-byte characters, else this proves nothing");
        response.Content.Headers.ContentLength.Should().Be(bytes.Length);
        var items = JsonNode.Parse(bytes)!["items"]!.AsArray();
        items.Select(p => p!["displayName"]).Should().NotContainNulls("every person seeded in this fixture has a name");
        items.Where(p => p!["displayName"]!.GetValue<string>() == name).Should().HaveCount(20);
    }

    [Fact]
    public async Task A_callers_expensive_429_is_a_whole_problem_with_its_length()
    {
        // The key's one expensive place and its one queued place taken by reads that wait for a locked table; the third is
        // refused by the caller's limits, outside the kept answer (session 41: it was refused inside it, by the node's
        // middleware, once its body had been read).
        await using var people = await HeldTable.LockAsync(api.ConnectionString, HeldTable.People);
        var flooding = await api.NewKeyAsync("admin");
        var holding = Enumerable.Range(0, RateLimitedApi.ExpensiveInFlight + RateLimitedApi.Queued).Select(_ => flooding.GetAsync(HeldTable.PeopleRead)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var refused = await flooding.GetAsync("/api/v1/audit/verification", bound.Token);
            var bytes = await refused.Content.ReadAsByteArrayAsync();
            refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            refused.Content.Headers.ContentLength.Should().Be(bytes.Length);
            refused.Headers.RetryAfter.Should().NotBeNull();
        }
        finally
        {
            await people.ReleaseAsync();
            (await Task.WhenAll(holding)).Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        }
    }

    private Task SeedPeopleAsync(string prefix, int count, string name) => PeopleSeeding.SeedAsync(api.ConnectionString, prefix, count, name);
}

/// <summary>
/// Session 40's review, on the shared fixture, whose limits are all off (SROI_*_IN_FLIGHT_* = 0): there is no node place
/// to give back, so nothing is kept: an expensive read's answer, an export's rows, go out as they are written.
/// </summary>
[Collection(ApiCollection.Name)]
public class ExpensiveReadBufferingWithoutLimitsTests(LedgerApi api)
{
    [Fact]
    public async Task With_every_limit_off_an_expensive_reads_answer_is_not_kept_whole_first()
    {
        // A cheap read, as the service writes every answer: chunked, no Content-Length.
        using (var cheap = await api.Admin().GetAsync("/api/v1/sroi-policies", HttpCompletionOption.ResponseHeadersRead))
        {
            cheap.StatusCode.Should().Be(HttpStatusCode.OK);
            cheap.Content.Headers.ContentLength.Should().BeNull();
        }
        using var response = await api.Admin().GetAsync("/api/v1/people", HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        // Written as it is serialised (chunked), as a cheap read is: a Content-Length means it was kept whole first.
        response.Content.Headers.ContentLength.Should().BeNull("no limit is on, so there is no node place to give back before sending");
    }

    [Fact]
    public async Task A_history_csv_goes_out_as_its_rows_are_read_not_kept_whole_first()
    {
        // CsvResult: "the rows are read only once the answer is written, and go out as they are read".
        var contract = await ContractAsync(api);
        var auditor = await api.ClientAsync("auditor");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{contract.Url}/history");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await auditor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentLength.Should().BeNull("an export streams its rows; a Content-Length means the whole file was kept before the first byte");
    }
}
