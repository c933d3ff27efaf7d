using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// The node's gate on the worklist (issue 23, session 38): <see cref="RateLimitedApi.WorklistAtOnce"/> running, then
/// <see cref="RateLimitedApi.WorklistQueued"/> waiting in order, then 503 with Retry-After, whoever the callers are. The
/// test holds the gate's place itself, as a worklist read in flight would, so nothing depends on how long a read takes.
/// </summary>
public class NodeGateTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    [Fact]
    public async Task Worklist_reads_beyond_the_gate_wait_in_turn_then_get_503_and_the_waiting_one_is_answered_once_the_place_is_free()
    {
        var first = await api.NewKeyAsync();
        var second = await api.NewKeyAsync();
        var gate = api.Services.GetRequiredService<NodeGate>();
        var place = await gate.EnterAsync(default);
        place.IsAcquired.Should().BeTrue();

        // Two keys, each within its own limits: the first waits behind the held place, the second finds the queue full.
        var waiting = first.GetAsync("/api/v1/worklist");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        waiting.IsCompleted.Should().BeFalse("the gate's one place is held, so the read waits its turn");
        var refused = await second.GetAsync("/api/v1/worklist");
        var problem = await refused.ShouldBeAsync(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(NodeGateSettings.RetryAfterSeconds));
        problem["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/unavailable");
        problem["detail"]!.GetValue<string>().Should().Contain("as many worklists as it can");

        // Other reads are not behind the gate.
        (await second.GetAsync("/api/v1/contracts")).StatusCode.Should().Be(HttpStatusCode.OK);

        place.Dispose();
        var answered = await waiting;
        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.GetAsync("/api/v1/worklist")).StatusCode.Should().Be(HttpStatusCode.OK, "the gate is free again");
    }

    [Fact]
    public void Its_settings_default_to_no_gate_and_64_waiting_0_is_no_gate_and_a_bad_value_stops_the_start()
    {
        static IConfiguration With(string variable, string value) =>
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [variable] = value }).Build();

        NodeGateSettings.From(new ConfigurationBuilder().Build()).Should().Be(new NodeGateSettings(0, 64));
        using (var open = new NodeGate(NodeGateSettings.From(new ConfigurationBuilder().Build()))) open.Open.Should().BeTrue();
        using (var two = new NodeGate(NodeGateSettings.From(With(NodeGateSettings.AtOnceVariable, "2")))) two.Open.Should().BeFalse();
        var start = () => NodeGateSettings.From(With(NodeGateSettings.QueuedVariable, "many"));
        start.Should().Throw<InvalidOperationException>().Which.Message.Should()
            .Be("SROI_WORKLIST_READS_QUEUED must be a whole number of requests (0 = none wait: beyond those running, 503 at once), not 'many'.");
    }
}
