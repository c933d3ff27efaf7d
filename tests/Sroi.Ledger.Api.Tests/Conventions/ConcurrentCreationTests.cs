using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Sroi.Ledger.Api.Tests.Candidates;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// Writers that create the same stream at once: the write function locks the stream (not only its row, which a new
/// stream does not have yet), so they queue; nothing is retried and no race is lost. A repeat with the same
/// Idempotency-Key is answered with the first answer; another command is decided on what the first one recorded.
/// </summary>
[Collection(ApiCollection.Name)]
public class ConcurrentCreationTests(LedgerApi api)
{
    [Fact]
    public async Task Creations_of_one_stream_at_once_with_one_key_answer_one_201_and_its_replays()
    {
        var wsp = await api.ClientAsync("wsp");
        var body = CandidateBodies.Registration();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            wsp.PostJsonAsync("/api/v1/candidates", body, r => r.Headers.Add("Idempotency-Key", key))));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        answers.Count(a => !a.Headers.Contains("Idempotent-Replayed")).Should().Be(1, "one request wrote, the others were its repeats");
        answers.Where(a => a.Headers.Contains("Idempotent-Replayed")).Should().HaveCount(3)
            .And.OnlyContain(a => a.Headers.GetValues("Idempotent-Replayed").Single() == "true");
        var texts = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        texts.Distinct().Should().ContainSingle("a replay is the first answer byte for byte");
        answers.Select(a => a.Headers.ETag!.Tag).Distinct().Should().Equal("\"1\"");
        (await EventsAsync($"candidate-GM0603-{body["candidateNumber"]!.GetValue<string>()}")).Should().Be(1);
    }

    [Fact]
    public async Task Creations_of_one_stream_at_once_without_a_key_queue_and_each_is_decided_on_the_last()
    {
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        JsonObject Version(string effectiveFrom) => new()
        {
            ["municipality"] = municipality, ["effectiveFrom"] = effectiveFrom, ["percentage"] = 5, ["description"] = "Beleid " + effectiveFrom,
            ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
        };

        var answers = await Task.WhenAll(new[] { "2024-01-01", "2025-01-01", "2026-01-01" }.Select(date =>
            api.Admin().PostJsonAsync("/api/v1/sroi-policies", Version(date))));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created, "the stream did not exist, yet no writer lost a race");
        answers.Select(a => a.Headers.ETag!.Tag).Should().BeEquivalentTo(["\"1\"", "\"2\"", "\"3\""], "each was appended after the one before it");
        var listed = await (await api.Admin().GetAsync($"/api/v1/sroi-policies?municipality={municipality}")).ShouldBeAsync(HttpStatusCode.OK);
        listed.AsArray().Should().HaveCount(3);
        (await EventsAsync($"sroi-policy-{municipality}")).Should().Be(3);
    }

    private async Task<long> EventsAsync(string stream)
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
