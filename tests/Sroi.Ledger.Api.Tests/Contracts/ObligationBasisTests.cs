using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>
/// The contract carries its obligation's basis as fields beside the English sentence of <c>obligation.reason</c>
/// (issue 20): enough for a page to word it in Dutch without parsing the sentence.
/// </summary>
[Collection(ApiCollection.Name)]
public class ObligationBasisTests(LedgerApi api)
{
    [Fact]
    public async Task A_policy_basis_has_the_policy_its_percentage_and_threshold()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(value: 200_000m))).ShouldBeAsync(HttpStatusCode.Created);

        var basis = contract["obligationBasis"]!;
        basis["kind"]!.GetValue<string>().Should().Be("policy");
        basis["policyVersion"]!.GetValue<string>().Should().Be("GM0603-v2");
        basis.Decimal("percentage").Should().Be(5m);
        basis.Decimal("threshold").Should().Be(150_000m);
        basis["explanation"].Should().BeNull();
        basis["exemptionReason"].Should().BeNull();
        contract["obligation"]!["reason"]!.GetValue<string>().Should().Contain("150.000", "the English sentence stays beside the fields");
        var read = await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        read["obligationBasis"]!.ToJsonString().Should().Be(basis.ToJsonString());
    }

    [Fact]
    public async Task A_percentage_set_by_procurement_has_its_explanation_and_an_exemption_its_reason()
    {
        var inkoop = await api.ClientAsync("inkoop");

        var set = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration()
            .With("sroi", new JsonObject { ["percentage"] = 3.5m, ["reason"] = "Weinig arbeidsintensief" }))).ShouldBeAsync(HttpStatusCode.Created);
        var exempted = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration()
            .With("sroi", new JsonObject { ["exemptionReason"] = "Levering uit voorraad" }))).ShouldBeAsync(HttpStatusCode.Created);

        var setBasis = set["obligationBasis"]!;
        setBasis["kind"]!.GetValue<string>().Should().Be("set-by-procurement");
        setBasis.Decimal("percentage").Should().Be(3.5m);
        setBasis["explanation"]!.GetValue<string>().Should().Contain("Weinig arbeidsintensief");
        setBasis["threshold"].Should().BeNull();
        var exemptedBasis = exempted["obligationBasis"]!;
        exemptedBasis["kind"]!.GetValue<string>().Should().Be("exempted");
        exemptedBasis["exemptionReason"]!.GetValue<string>().Should().Be("Levering uit voorraad");
        exemptedBasis["percentage"].Should().BeNull();
        exempted["obligation"]!["applies"]!.GetValue<bool>().Should().BeFalse();
    }
}
