using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>
/// GET /contracts/obligation-preview and /contracts/{id}/obligation-preview: what a registration or an amendment would
/// owe, from the same rule as the write (the same numbers as the real registration and amendment), writing nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public class ObligationPreviewTests(LedgerApi api)
{
    private const string Url = "/api/v1/contracts/obligation-preview";

    public static TheoryData<string, decimal, string, string> Registrations => new()
    {
        // Rijswijk's policy: 5% from € 150.000 since 2021, the national line (5% from € 250.000) before.
        { "werken", 400_000m, "2024-03-01", "" },
        { "diensten", 1_234.56m, "2024-03-01", "" },                   // below the threshold: no obligation
        { "leveringen", 150_000m, "2024-03-01", "" },                  // at the threshold: it applies
        { "werken", 200_000m, "2019-06-01", "" },                      // below the national line's threshold
        { "diensten", 333_333.33m, "2024-03-01", "&percentage=3.5" },  // set by procurement: 11.666,67 (rounded as the write does)
        { "werken", 400_000m, "2024-03-01", "&exempted=true" },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public async Task The_preview_is_the_obligation_and_basis_the_registration_then_records(string category, decimal value, string awardedOn, string sroi)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var preview = await (await inkoop.GetAsync($"{Url}?category={category}&contractValue={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}&awardedOn={awardedOn}{sroi}"))
            .ShouldBeAsync(HttpStatusCode.OK);

        var body = ContractBodies.Registration(value, category: category, awardedOn: awardedOn).With("startsOn", awardedOn);
        if (sroi.Contains("percentage")) body = body.With("sroi", new JsonObject { ["percentage"] = 3.5m });
        if (sroi.Contains("exempted")) body = body.With("sroi", new JsonObject { ["exemptionReason"] = "Standaardproducten" });
        var registered = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);

        preview.Decimal("contractValue").Should().Be(value);
        if (sroi.Contains("exempted"))
        {
            // The exemption's own reason is only in the registration; everything the obligation counts is the same.
            preview["obligation"]!["applies"]!.GetValue<bool>().Should().BeFalse();
            preview.Decimal("obligation.amount").Should().Be(0m);
            preview["obligationBasis"]!["kind"]!.GetValue<string>().Should().Be("exempted");
            preview["obligation"]!["policyVersion"]!.GetValue<string>().Should().Be(registered["obligation"]!["policyVersion"]!.GetValue<string>());
            return;
        }
        JsonNode.DeepEquals(preview["obligation"], registered["obligation"]).Should().BeTrue(
            $"preview {preview["obligation"]!.ToJsonString()} equals registration {registered["obligation"]!.ToJsonString()}");
        JsonNode.DeepEquals(preview["obligationBasis"], registered["obligationBasis"]).Should().BeTrue(
            $"preview {preview["obligationBasis"]!.ToJsonString()} equals registration {registered["obligationBasis"]!.ToJsonString()}");
    }

    [Fact]
    public async Task The_figures_are_the_policys_percentage_threshold_and_version()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var above = await (await inkoop.GetAsync($"{Url}?category=werken&contractValue=400000&awardedOn=2026-12-01")).ShouldBeAsync(HttpStatusCode.OK);
        above["obligation"]!["applies"]!.GetValue<bool>().Should().BeTrue();
        above.Decimal("obligation.percentage").Should().Be(5m);
        above.Decimal("obligation.amount").Should().Be(20_000m);
        above["obligationBasis"]!["kind"]!.GetValue<string>().Should().Be("policy");
        above.Decimal("obligationBasis.threshold").Should().Be(150_000m);
        above["obligationBasis"]!["policyVersion"]!.GetValue<string>().Should().Be(above["obligation"]!["policyVersion"]!.GetValue<string>()).And.NotBeEmpty();

        var below = await (await inkoop.GetAsync($"{Url}?category=werken&contractValue=149999.99&awardedOn=2026-12-01")).ShouldBeAsync(HttpStatusCode.OK);
        below["obligation"]!["applies"]!.GetValue<bool>().Should().BeFalse();
        below.Decimal("obligation.amount").Should().Be(0m);
        below.Decimal("obligationBasis.threshold").Should().Be(150_000m);
    }

    [Fact]
    public async Task The_amendment_preview_is_the_obligation_the_amendment_then_records_and_writes_nothing()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m))).ShouldBeAsync(HttpStatusCode.Created);
        var id = contract["id"]!.GetValue<string>();

        var preview = await (await inkoop.GetAsync($"/api/v1/contracts/{id}/obligation-preview?contractValue=260000.50")).ShouldBeAsync(HttpStatusCode.OK);
        var unchanged = await inkoop.GetAsync($"/api/v1/contracts/{id}");
        unchanged.Headers.ETag!.Tag.Should().Be("\"1\"", "a preview writes nothing");

        var amended = await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 260_000.50m, ["effectiveOn"] = "2024-09-01", ["reason"] = "Meerwerk riolering" })).ShouldBeAsync(HttpStatusCode.OK);
        preview.Decimal("obligation.amount").Should().Be(13_000.03m);
        JsonNode.DeepEquals(preview["obligation"], amended["obligation"]).Should().BeTrue(
            $"preview {preview["obligation"]!.ToJsonString()} equals amendment {amended["obligation"]!.ToJsonString()}");
        JsonNode.DeepEquals(preview["obligationBasis"], amended["obligationBasis"]).Should().BeTrue();

        // Below the threshold after minderwerk: the preview says so before the amendment is made.
        var less = await (await inkoop.GetAsync($"/api/v1/contracts/{id}/obligation-preview?contractValue=100000")).ShouldBeAsync(HttpStatusCode.OK);
        less["obligation"]!["applies"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_every_bad_parameter()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var missing = await (await inkoop.GetAsync(Url)).ShouldBeAsync(HttpStatusCode.BadRequest);
        missing["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["category", "contractValue", "awardedOn"]);

        var bad = await (await inkoop.GetAsync($"{Url}?category=bruggen&contractValue=1.234&awardedOn=2024-02-30&percentage=101&exempted=ja"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["category", "contractValue", "awardedOn", "percentage", "exempted"]);
        bad["errors"]!["contractValue"]![0]!.GetValue<string>().Should().Be("At most two decimals.");

        foreach (var value in new[] { "0", "-5", "1e5", "1,5", "400.000,00", "", "12345678901234567890123", "100000000000.01" })
            await (await inkoop.GetAsync($"{Url}?category=werken&contractValue={Uri.EscapeDataString(value)}&awardedOn=2024-03-01"))
                .ShouldNameFieldAsync("contractValue");
        await (await inkoop.GetAsync($"{Url}?category=werken&contractValue=1000&awardedOn=2024-03-01&percentage=5&exempted=true"))
            .ShouldNameFieldAsync("percentage");

        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
        await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/obligation-preview?contractValue=12.345")).ShouldNameFieldAsync("contractValue");
        await (await inkoop.GetAsync($"/api/v1/contracts/{contract["id"]}/obligation-preview")).ShouldNameFieldAsync("contractValue");
    }

    [Fact]
    public async Task Without_a_policy_in_force_the_preview_is_the_registrations_422()
    {
        var inkoop = await api.ClientAsync("inkoop", "GM9771");
        var problem = await (await inkoop.GetAsync($"{Url}?category=werken&contractValue=400000&awardedOn=2024-03-01")).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        problem["code"]!.GetValue<string>().Should().Be("sroi.no-policy-in-force");
        problem["field"]!.GetValue<string>().Should().Be("awardedOn");
        var registration = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(400_000m))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        registration["code"]!.GetValue<string>().Should().Be("sroi.no-policy-in-force");

        // A percentage of procurement's own needs no policy, as in the registration.
        var own = await (await inkoop.GetAsync($"{Url}?category=werken&contractValue=400000&awardedOn=2024-03-01&percentage=2")).ShouldBeAsync(HttpStatusCode.OK);
        own.Decimal("obligation.amount").Should().Be(8_000m);
    }

    [Fact]
    public async Task The_preview_422_names_the_query_parameters_the_caller_sent_not_the_registrations_body()
    {
        var inkoop = await api.ClientAsync("inkoop", "GM9773");

        var problem = await (await inkoop.GetAsync($"{Url}?category=werken&contractValue=400000&awardedOn=2024-03-01")).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        problem["field"]!.GetValue<string>().Should().Be("awardedOn");
        problem["detail"]!.GetValue<string>().Should().Contain("give percentage or exempted=true").And.NotContain("sroi.");
    }

    [Fact]
    public async Task Only_procurement_previews_and_only_its_own_municipalitys_contracts()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).ShouldBeAsync(HttpStatusCode.Created);
        var amendmentUrl = $"/api/v1/contracts/{contract["id"]}/obligation-preview?contractValue=300000";
        const string registrationUrl = $"{Url}?category=werken&contractValue=400000&awardedOn=2024-03-01";

        foreach (var other in new[] { await api.ClientAsync("wsp"), await api.ClientAsync("auditor"), api.Admin(),
                     await api.ClientAsync("opdrachtnemer", kvkNumber: "12345678") })
        {
            await (await other.GetAsync(registrationUrl)).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await other.GetAsync(amendmentUrl)).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
        await (await api.Client().GetAsync(registrationUrl)).ShouldBeAsync(HttpStatusCode.Unauthorized);

        var elsewhere = await api.ClientAsync("inkoop", "GM0518");
        await (await elsewhere.GetAsync(amendmentUrl)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await inkoop.GetAsync($"/api/v1/contracts/{Guid.NewGuid()}/obligation-preview?contractValue=300000")).ShouldBeAsync(HttpStatusCode.NotFound);
    }
}
