using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Fulfilments;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>
/// A row of GET /contracts carries what a list row needs beside the contract (issue 20: a contractor sees what it still
/// owes and by when): the municipality's name, the remaining obligation and the balance's status, equal to the balance's
/// own answer; every field of GET /contracts/{id} is there unchanged.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractListItemTests(LedgerApi api)
{
    [Fact]
    public async Task A_row_is_the_contract_with_its_municipality_name_remaining_obligation_and_balance_status()
    {
        var contract = await RunningContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250.55m)));
        await contract.ReportAsync(Training(300m)); // pending: not subtracted

        var list = await (await contract.Contractor.GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK);
        var row = list["items"]!.AsArray().Single()!.AsObject();
        var single = (await (await contract.Contractor.GetAsync(contract.Url)).ShouldBeAsync(HttpStatusCode.OK)).AsObject();
        var balance = await contract.BalanceAsync(contract.Contractor);

        row["municipalityName"]!.GetValue<string>().Should().Be("Rijswijk");
        row.Decimal("remaining").Should().Be(8_749.45m).And.Be(balance.Decimal("remaining"));
        row["balanceStatus"]!.GetValue<string>().Should().Be(balance["status"]!.GetValue<string>()).And.Be("behind");
        foreach (var (name, value) in single)
            JsonNode.DeepEquals(row[name], value).Should().BeTrue($"the row's {name} is the contract's");
        row.Select(p => p.Key).Except(single.Select(p => p.Key)).Should().BeEquivalentTo("municipalityName", "remaining", "balanceStatus");
    }

    [Fact]
    public async Task Nothing_remains_of_a_fulfilled_obligation_and_an_exempt_contract_owes_nothing()
    {
        var contract = await RunningContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(12_000m)));
        var inkoop = await api.ClientAsync("inkoop");
        var kvk = ContractBodies.UniqueKvk();
        await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(90_000m, kvk: kvk, category: "leveringen")
            .With("sroi", new JsonObject { ["exemptionReason"] = "Levering van standaardproducten zonder arbeid in Nederland" })))
            .ShouldBeAsync(HttpStatusCode.Created);

        var fulfilled = (await (await contract.Contractor.GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK))["items"]![0]!;
        var exempt = (await (await inkoop.GetAsync($"/api/v1/contracts?contractorKvk={kvk}")).ShouldBeAsync(HttpStatusCode.OK))["items"]![0]!;

        fulfilled.Decimal("remaining").Should().Be(0m);
        fulfilled["balanceStatus"]!.GetValue<string>().Should().Be("fulfilled");
        exempt.Decimal("remaining").Should().Be(0m);
        exempt["balanceStatus"]!.GetValue<string>().Should().Be("not-applicable");
    }
}
