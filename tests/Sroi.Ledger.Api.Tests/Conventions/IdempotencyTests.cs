using System.Net;
using Npgsql;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Conventions;

[Collection(ApiCollection.Name)]
public class IdempotencyTests(LedgerApi api)
{
    [Fact]
    public async Task The_same_key_twice_returns_the_first_response_and_writes_once()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration();
        var key = Guid.NewGuid().ToString();

        var first = await inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key));
        var second = await inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key));

        second.StatusCode.Should().Be(HttpStatusCode.Created);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await ContractsWithReferenceAsync(body["reference"]!.GetValue<string>())).Should().Be(1);
    }

    [Fact]
    public async Task A_policy_version_repeated_with_its_key_is_replayed_not_refused()
    {
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["municipality"] = municipality, ["effectiveFrom"] = "2024-01-01", ["percentage"] = 5, ["description"] = "Beleid 2024",
            ["thresholds"] = new System.Text.Json.Nodes.JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
        };

        var first = await api.Admin().PostJsonAsync("/api/v1/sroi-policies", body, r => r.Headers.Add("Idempotency-Key", "beleid-2024"));
        var second = await api.Admin().PostJsonAsync("/api/v1/sroi-policies", body, r => r.Headers.Add("Idempotency-Key", "beleid-2024"));

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await second.ShouldBeAsync(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await (await api.Admin().GetAsync($"/api/v1/sroi-policies?municipality={municipality}")).JsonAsync()).AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Concurrent_repeats_with_one_key_register_one_contract()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var body = ContractBodies.Registration();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            inkoop.PostJsonAsync("/api/v1/contracts", body, r => r.Headers.Add("Idempotency-Key", key))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created);
        (await Task.WhenAll(responses.Select(async r => (await r.JsonAsync())["id"]!.GetValue<string>()))).Distinct().Should().ContainSingle();
        (await ContractsWithReferenceAsync(body["reference"]!.GetValue<string>())).Should().Be(1);
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_a_422()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var key = Guid.NewGuid().ToString();
        await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(), r => r.Headers.Add("Idempotency-Key", key));

        var problem = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(), r => r.Headers.Add("Idempotency-Key", key)))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        problem["code"]!.GetValue<string>().Should().Be("idempotency.key-reused");
    }

    private async Task<long> ContractsWithReferenceAsync(string reference)
    {
        await using var command = api.DataSource.CreateCommand("SELECT count(*) FROM mt_events WHERE type = 'contract.registered.v1' AND data->>'reference' = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
