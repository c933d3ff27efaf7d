using System.Net;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>A negative contract value: the preview says what the registration's body check says of it.</summary>
[Collection(ApiCollection.Name)]
public class ObligationPreviewValueTests(LedgerApi api)
{
    [Fact]
    public async Task A_negative_value_is_must_be_more_than_0_as_in_the_registration()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var registration = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(-5m))).ShouldBeAsync(HttpStatusCode.BadRequest);
        var expected = registration["errors"]!["contractValue"]![0]!.GetValue<string>();
        expected.Should().Be("Must be more than 0.");

        foreach (var value in new[] { "-5", "-0", "-1234.56" })
        {
            var preview = await (await inkoop.GetAsync($"/api/v1/contracts/obligation-preview?category=werken&contractValue={value}&awardedOn=2024-03-01"))
                .ShouldBeAsync(HttpStatusCode.BadRequest);
            preview["errors"]!["contractValue"]![0]!.GetValue<string>().Should().Be(expected, value);
        }
        var percentage = await (await inkoop.GetAsync("/api/v1/contracts/obligation-preview?category=werken&contractValue=1000&awardedOn=2024-03-01&percentage=-5"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        percentage["errors"]!["percentage"]![0]!.GetValue<string>().Should().Be("Above 0, at most 100, at most two decimals.");

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
        var amendment = await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/obligation-preview?contractValue=-5")).ShouldBeAsync(HttpStatusCode.BadRequest);
        amendment["errors"]!["contractValue"]![0]!.GetValue<string>().Should().Be(expected);
        // Still not a number: a sign alone, a plus, two minus signs.
        foreach (var value in new[] { "-", "+5", "--5" })
        {
            var bad = await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/obligation-preview?contractValue={Uri.EscapeDataString(value)}"))
                .ShouldBeAsync(HttpStatusCode.BadRequest);
            bad["errors"]!["contractValue"]![0]!.GetValue<string>().Should().StartWith("Expected a number", value);
        }

        // The balance's date derived from the last instant the service takes keeps to its last date too (N8b).
        var balance = await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/balance?asKnownOn=2999-12-31T23:59:59Z")).ShouldBeAsync(HttpStatusCode.OK);
        balance["asOf"]!.GetValue<string>().Should().Be("2999-12-31");
    }
}
