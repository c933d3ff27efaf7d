using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>Every bad-input rule of issue 4: a 400 or 422 naming the field, and not one event written.</summary>
[Collection(ApiCollection.Name)]
public class CandidateBadInputTests(LedgerApi api)
{
    public static TheoryData<string, string> BadRegistrations()
    {
        var valid = Registration();
        return new()
        {
            { valid.With("candidateNumber", "123456782").ToJsonString(), "candidateNumber" }, // passes the elfproef: a BSN
            { valid.With("candidateNumber", "123.456.782").ToJsonString(), "candidateNumber" },
            { valid.With("candidateNumber", 123456782).ToJsonString(), "candidateNumber" },
            { valid.With("candidateNumber", "K 1").ToJsonString(), "candidateNumber" },
            { valid.Without("candidateNumber").ToJsonString(), "candidateNumber" },
            { valid.With("trede", 0).ToJsonString(), "trede" },
            { valid.With("trede", 7).ToJsonString(), "trede" },
            { valid.With("trede", "4").ToJsonString(), "trede" },
            { valid.Without("trede").ToJsonString(), "trede" },
            { valid.With("targetGroup", "bijstand").ToJsonString(), "targetGroup" },
            { valid.Without("registeredOn").ToJsonString(), "registeredOn" },
            { valid.With("registeredOn", "06-01-2020").ToJsonString(), "registeredOn" },
            { valid.With("municipality", "Rijswijk").ToJsonString(), "municipality" },
            { valid.With("name", "Jan Jansen").ToJsonString(), "name" },
            { valid.With("birthDate", "1980-01-01").ToJsonString(), "birthDate" },
        };
    }

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_is_a_400_naming_the_field(string body, string field)
    {
        var wsp = await api.ClientAsync("wsp");
        await NothingWrittenAsync(async () => await (await wsp.PostRawAsync("/api/v1/candidates", body)).ShouldNameFieldAsync(field));
    }

    [Theory]
    [InlineData("2999-01-01", "participatiewet", "2019-01-01", "candidate.registered-in-future", "registeredOn")]
    [InlineData("2020-01-06", "no-benefit", "2019-01-01", "candidate.benefit-in-no-benefit-group", "benefitSince")]
    public async Task A_registration_against_a_rule_is_a_422_naming_the_field(string registeredOn, string group, string since, string code, string field)
    {
        var wsp = await api.ClientAsync("wsp");
        await NothingWrittenAsync(async () => await ShouldBreakAsync(
            await wsp.PostJsonAsync("/api/v1/candidates", Registration(registeredOn: registeredOn, targetGroup: group, benefitSince: since)), code, field));
    }

    [Fact]
    public async Task Trede_changes_outside_the_ladder_before_registration_or_out_of_order_are_refused()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06", trede: 2));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(3, "2020-06-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var changes = $"/api/v1/candidates/{number}/trede-changes";

        await NothingWrittenAsync(async () =>
        {
            await (await wsp.PostJsonAsync(changes, TredeChange(7, "2020-07-01"))).ShouldNameFieldAsync("trede");
            await (await wsp.PostJsonAsync(changes, TredeChange(0, "2020-07-01"))).ShouldNameFieldAsync("trede");
            await (await wsp.PostJsonAsync(changes, TredeChange(4, "2020-07-01", reason: "BSN 111222333 herbeoordeeld"))).ShouldNameFieldAsync("reason");
            await (await wsp.PostJsonAsync(changes, TredeChange(4, "2020-07-01").Without("reason"))).ShouldNameFieldAsync("reason");
            await ShouldBreakAsync(await wsp.PostJsonAsync(changes, TredeChange(4, "2019-12-31")), "candidate.trede-change-before-registration", "effectiveOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync(changes, TredeChange(4, "2020-05-31")), "candidate.trede-change-out-of-order", "effectiveOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync(changes, TredeChange(3, "2020-07-01")), "candidate.trede-unchanged", "trede");
            await ShouldBreakAsync(await wsp.PostJsonAsync(changes, TredeChange(4, "2999-01-01")), "candidate.trede-change-in-future", "effectiveOn");
        });
    }

    [Fact]
    public async Task Placements_with_bad_fields_before_registration_or_without_a_valid_sroi_contract_are_refused()
    {
        var wsp = await api.ClientAsync("wsp");
        var inkoop = await api.ClientAsync("inkoop");
        var elsewhere = await api.ClientAsync("inkoop", "GM0518");
        var foreignContract = (await (await elsewhere.PostJsonAsync("/api/v1/contracts",
            ContractBodies.Registration().With("sroi", new JsonObject { ["exemptionReason"] = "test" }))).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var contract = await inkoop.ContractAsync("local");
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06"));
        var placements = $"/api/v1/candidates/{number}/placements";

        await NothingWrittenAsync(async () =>
        {
            await (await wsp.PostJsonAsync(placements, Placement(channel: "sroi"))).ShouldNameFieldAsync("sroiContractId");
            await (await wsp.PostJsonAsync(placements, Placement(channel: "wsp", sroiContractId: contract))).ShouldNameFieldAsync("sroiContractId");
            await (await wsp.PostJsonAsync(placements, Placement(channel: "sroi").With("sroiContractId", "not-a-guid"))).ShouldNameFieldAsync("sroiContractId");
            await (await wsp.PostJsonAsync(placements, Placement(hours: 0))).ShouldNameFieldAsync("hoursPerWeek");
            await (await wsp.PostJsonAsync(placements, Placement(hours: 61))).ShouldNameFieldAsync("hoursPerWeek");
            await (await wsp.PostJsonAsync(placements, Placement(kvk: "1234567"))).ShouldNameFieldAsync("employer.kvkNumber");
            await (await wsp.PostJsonAsync(placements, Placement(kind: "stage"))).ShouldNameFieldAsync("kind");
            await (await wsp.PostJsonAsync(placements, Placement(channel: "uwv"))).ShouldNameFieldAsync("channel");
            await (await wsp.PostJsonAsync(placements, Placement().Without("startedOn"))).ShouldNameFieldAsync("startedOn");
            await (await wsp.PostJsonAsync(placements, Placement().Without("employer"))).ShouldNameFieldAsync("employer");
            // A self-employed candidate's own business would identify them: no employer is recorded for it.
            await (await wsp.PostJsonAsync(placements, Placement(kind: "self-employed"))).ShouldNameFieldAsync("employer");
            await (await wsp.PostJsonAsync(placements, Placement().With("employer", new JsonObject { ["kvkNumber"] = "87654321", ["name"] = "Kandidaat 111222333 B.V." })))
                .ShouldNameFieldAsync("employer.name");
            await ShouldBreakAsync(await wsp.PostJsonAsync(placements, Placement(startedOn: "2020-01-05")), "placement.before-registration", "startedOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync(placements, Placement(channel: "sroi", sroiContractId: Guid.NewGuid().ToString())),
                "placement.sroi-contract-unknown", "sroiContractId");
            await ShouldBreakAsync(await wsp.PostJsonAsync(placements, Placement(channel: "sroi", sroiContractId: foreignContract)),
                "placement.sroi-contract-unknown", "sroiContractId");
        });
    }

    [Fact]
    public async Task Ending_before_the_start_or_twice_and_empty_or_impossible_corrections_are_refused()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var id = await wsp.PlaceAsync(number, Placement(startedOn: "2021-03-01"));
        var path = $"/api/v1/candidates/{number}/placements/{id}";
        await (await wsp.PostJsonAsync($"{path}/end", new JsonObject { ["endedOn"] = "2021-09-30", ["reason"] = "Einde" })).ShouldBeAsync(HttpStatusCode.OK);

        await NothingWrittenAsync(async () =>
        {
            await ShouldBreakAsync(await wsp.PostJsonAsync($"{path}/end", new JsonObject { ["endedOn"] = "2021-10-31", ["reason"] = "Nogmaals" }),
                "placement.already-ended", "endedOn");
            await (await wsp.PostJsonAsync($"{path}/end", new JsonObject { ["reason"] = "x" })).ShouldNameFieldAsync("endedOn");
            await (await wsp.PostJsonAsync($"{path}/correction", new JsonObject { ["reason"] = "niets" })).ShouldNameFieldAsync("body");
            await (await wsp.PostJsonAsync($"{path}/correction", new JsonObject { ["hoursPerWeek"] = -1, ["reason"] = "x" })).ShouldNameFieldAsync("hoursPerWeek");
            await ShouldBreakAsync(await wsp.PostJsonAsync($"{path}/correction", new JsonObject { ["startedOn"] = "2021-10-01", ["reason"] = "x" }),
                "placement.ends-before-start", "startedOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync($"{path}/correction", new JsonObject { ["startedOn"] = "2021-03-01", ["reason"] = "x" }),
                "placement.correction-without-change", null);
            await ShouldBreakAsync(await wsp.PostJsonAsync($"{path}/correction", new JsonObject { ["channel"] = "sroi", ["reason"] = "x" }),
                "placement.sroi-contract-required", "sroiContractId");
            await (await wsp.PostJsonAsync($"{path}/withdrawal", new JsonObject())).ShouldNameFieldAsync("reason");
            await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{Guid.NewGuid()}/end",
                new JsonObject { ["endedOn"] = "2021-10-31", ["reason"] = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        });

        var other = await wsp.RegisterAsync();
        var open = await wsp.PlaceAsync(other, Placement(startedOn: "2021-03-01"));
        await NothingWrittenAsync(async () => await ShouldBreakAsync(
            await wsp.PostJsonAsync($"/api/v1/candidates/{other}/placements/{open}/end", new JsonObject { ["endedOn"] = "2021-02-28", ["reason"] = "x" }),
            "placement.ends-before-start", "endedOn"));
    }

    [Fact]
    public async Task A_benefit_ends_once_not_before_it_started_and_only_if_there_is_one()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06", benefitSince: "2019-11-01"));
        var withoutBenefit = await wsp.RegisterAsync(Registration(targetGroup: "no-benefit", benefitSince: null));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2021-05-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var fresh = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06", benefitSince: "2019-11-01"));

        await NothingWrittenAsync(async () =>
        {
            await ShouldBreakAsync(await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2021-06-01")),
                "candidate.benefit-already-ended", "effectiveOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync($"/api/v1/candidates/{fresh}/benefit-end", BenefitEnd("2019-10-31")),
                "candidate.benefit-end-before-start", "effectiveOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync($"/api/v1/candidates/{fresh}/benefit-end", BenefitEnd("2019-12-31")),
                "candidate.benefit-end-before-registration", "effectiveOn");
            await ShouldBreakAsync(await wsp.PostJsonAsync($"/api/v1/candidates/{withoutBenefit}/benefit-end", BenefitEnd("2021-06-01")),
                "candidate.no-benefit", null);
            await (await wsp.PostJsonAsync($"/api/v1/candidates/{fresh}/benefit-end", BenefitEnd("2021-06-01", "found-a-job"))).ShouldNameFieldAsync("reason");
            await (await wsp.PostJsonAsync("/api/v1/candidates/123456782/benefit-end", BenefitEnd("2021-06-01"))).ShouldNameFieldAsync("candidateNumber");
            await (await wsp.PostJsonAsync("/api/v1/candidates/K-unknown/benefit-end", BenefitEnd("2021-06-01"))).ShouldBeAsync(HttpStatusCode.NotFound);
        });
    }

    [Theory]
    [InlineData("""{"municipality": "GM0603"}""", "placements")]
    [InlineData("""{"municipality": "GM0603", "placements": -1}""", "placements")]
    [InlineData("""{"municipality": "GM0603", "placements": 10, "sroiPlacements": -1}""", "sroiPlacements")]
    [InlineData("""{"placements": 10}""", "municipality")]
    [InlineData("""{"municipality": "GM0603", "placements": 10.5}""", "placements")]
    public async Task A_bad_ambition_is_a_400_naming_the_field(string body, string field)
    {
        var wsp = await api.ClientAsync("wsp");
        await NothingWrittenAsync(async () => await (await wsp.PutAsync("/api/v1/ambitions/2025",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).ShouldNameFieldAsync(field));
    }

    private static async Task ShouldBreakAsync(HttpResponseMessage response, string code, string? field)
    {
        var problem = await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        problem["code"]!.GetValue<string>().Should().Be(code);
        if (field is null)
            problem["field"].Should().BeNull();
        else
        {
            problem["field"].Should().NotBeNull("a rule on one field names it");
            problem["field"]!.GetValue<string>().Should().Be(field);
        }
    }

    private async Task NothingWrittenAsync(Func<Task> act)
    {
        var before = await api.DataSource.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'");
        var placements = await api.DataSource.ScalarAsync("SELECT count(*) FROM placements");
        await act();
        (await api.DataSource.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'")).Should().Be(before);
        (await api.DataSource.ScalarAsync("SELECT count(*) FROM placements")).Should().Be(placements);
    }
}
