using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Sroi.Ledger.Api.Tests.Contracts;

[Collection(ApiCollection.Name)]
public class RegisteringContractTests(LedgerApi api)
{
    [Fact]
    public async Task Procurement_registers_a_contract_and_sees_its_obligation()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(value: 200_000m));

        var contract = await response.ShouldBeAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/contracts/{contract["id"]}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        contract["obligation"]!["applies"]!.GetValue<bool>().Should().BeTrue();
        contract.Decimal("obligation.percentage").Should().Be(5m);
        contract.Decimal("obligation.amount").Should().Be(10_000m);
        contract["obligation"]!["policyVersion"]!.GetValue<string>().Should().Be("GM0603-v2");
        contract["status"]!.GetValue<string>().Should().Be("active");

        var read = await inkoop.GetAsync(response.Headers.Location);
        (await read.Content.ReadAsStringAsync()).Should().Be(await response.Content.ReadAsStringAsync());
        read.Headers.ETag!.Tag.Should().Be("\"1\"");
    }

    [Fact]
    public async Task Before_2021_Rijswijk_followed_the_national_threshold_of_250000()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts",
            ContractBodies.Registration(value: 200_000m, awardedOn: "2020-06-01"))).ShouldBeAsync(HttpStatusCode.Created);

        contract["obligation"]!["applies"]!.GetValue<bool>().Should().BeFalse();
        contract["obligation"]!["policyVersion"]!.GetValue<string>().Should().Be("GM0603-v1");
        contract["obligation"]!["reason"]!.GetValue<string>().Should().Contain("below the threshold € 250.000,00");
    }

    [Theory]
    [InlineData(149_999.99, false, 0)]
    [InlineData(150_000.00, true, 7_500)]
    [InlineData(1_234_567.89, true, 61_728.39)]
    public async Task The_obligation_applies_from_the_threshold(decimal value, bool applies, decimal amount)
    {
        var inkoop = await api.ClientAsync("inkoop");

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(value))).ShouldBeAsync(HttpStatusCode.Created);

        contract["obligation"]!["applies"]!.GetValue<bool>().Should().Be(applies);
        contract.Decimal("obligation.amount").Should().Be(amount);
    }

    [Fact]
    public async Task Procurement_may_set_another_percentage_or_exempt_with_a_reason()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var set = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(100_000m)
            .With("sroi", new JsonObject { ["percentage"] = 3, ["reason"] = "arbeidsintensief" }))).ShouldBeAsync(HttpStatusCode.Created);
        var exempt = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(900_000m)
            .With("sroi", new JsonObject { ["exemptionReason"] = "Levering van licenties, geen arbeid" }))).ShouldBeAsync(HttpStatusCode.Created);

        set.Decimal("obligation.amount").Should().Be(3_000m);
        set["obligation"]!["reason"]!.GetValue<string>().Should().Contain("arbeidsintensief");
        exempt["obligation"]!["applies"]!.GetValue<bool>().Should().BeFalse();
        exempt["obligation"]!["reason"]!.GetValue<string>().Should().Be("Exempted by procurement: Levering van licenties, geen arbeid");
    }

    [Fact]
    public async Task The_event_records_who_did_it_and_the_correlation_id()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var response = await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(),
            request => request.Headers.Add("X-Correlation-ID", "corr-42"));
        var id = (await response.ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

        await using var command = api.DataSource.CreateCommand(
            "SELECT type, user_name, correlation_id, data->>'reference' FROM mt_events WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"contract-{id}" });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("contract.registered.v1");
        reader.GetString(1).Should().StartWith("inkoop:");
        reader.GetString(2).Should().Be("corr-42");
        (await reader.ReadAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task A_municipality_without_a_policy_gets_a_422_until_an_admin_adds_one()
    {
        var municipality = $"GM{Random.Shared.Next(1000, 9999)}";
        var inkoop = await api.ClientAsync("inkoop", municipality);

        var refused = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(300_000m)))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("sroi.no-policy-in-force");

        (await api.Admin().PostAsJsonAsync("/api/v1/sroi-policies", new
        {
            municipality, effectiveFrom = "2023-01-01", percentage = 5, description = "Den Haag 2023",
            thresholds = new { werken = 215_000, diensten = 215_000, leveringen = 215_000 },
        })).StatusCode.Should().Be(HttpStatusCode.Created);
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(300_000m)))
            .ShouldBeAsync(HttpStatusCode.Created);
        contract["obligation"]!["policyVersion"]!.GetValue<string>().Should().Be($"{municipality}-v1");
        contract.Decimal("obligation.amount").Should().Be(15_000m);
    }

    [Fact]
    public async Task Only_procurement_registers_contracts()
    {
        var body = ContractBodies.Registration();

        await (await api.Client().PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await api.Client("sroi_unknown").PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Unauthorized);
        await (await (await api.ClientAsync("wsp")).PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await (await api.ClientAsync("auditor")).PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}
