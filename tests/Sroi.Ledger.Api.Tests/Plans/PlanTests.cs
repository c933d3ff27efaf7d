using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Plans;

/// <summary>
/// The plan of approach over HTTP: the contractor submits, the WSP sends back or approves, a revision waits beside the plan
/// in force, and the plan and the balance show each line planned against realised from the accepted reports.
/// </summary>
[Collection(ApiCollection.Name)]
public class PlanTests(LedgerApi api)
{
    /// <summary>A plan for the standard contract (term 2024-04-01 to 2025-03-31).</summary>
    private static JsonObject Plan(int employees = 2) => new()
    {
        ["lines"] = new JsonArray(
            new JsonObject { ["kind"] = "employment", ["from"] = "2024-04-01", ["to"] = "2024-12-31", ["amount"] = employees },
            new JsonObject { ["kind"] = "bbl", ["block"] = "bbl-level2-or-lower", ["from"] = "2024-04-01", ["to"] = "2024-12-31", ["amount"] = 1 },
            new JsonObject { ["kind"] = "social-procurement", ["from"] = "2024-04-01", ["to"] = "2025-03-31", ["amount"] = 20_000.00 }),
    };

    private static async Task<JsonNode> SubmitAsync(ContractUnderReport contract, JsonObject plan, HttpClient? by = null) =>
        await (await (by ?? contract.Contractor).PutAsync($"{contract.Url}/plan", Json(plan))).ShouldBeAsync(HttpStatusCode.OK);

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static IEnumerable<(string Kind, decimal Planned, decimal Realised, string Status)> Lines(JsonNode revision) =>
        revision["lines"]!.AsArray().Select(l => (l!["kind"]!.GetValue<string>(), l["planned"]!.GetValue<decimal>(), l["realised"]!.GetValue<decimal>(),
            l["status"]!.GetValue<string>()));

    [Fact]
    public async Task Submitted_sent_back_revised_and_approved_the_plan_shows_planned_against_realised_and_keeps_every_revision()
    {
        var contract = await ContractAsync(api);

        var first = await SubmitAsync(contract, Plan());
        first["inForce"].Should().BeNull();
        first["pending"]!["revision"]!.GetValue<int>().Should().Be(1);
        first["pending"]!["status"]!.GetValue<string>().Should().Be("submitted");
        first["pending"]!["lines"]![0]!["unit"]!.GetValue<string>().Should().Be("persons");
        first["pending"]!["lines"]![2]!["unit"]!.GetValue<string>().Should().Be("euros");

        var returned = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/return", new JsonObject { ["reason"] = "Geen werkervaringsplaatsen" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        returned["pending"].Should().BeNull();
        returned["revisions"]![0]!["status"]!.GetValue<string>().Should().Be("returned");
        returned["revisions"]![0]!["remark"]!.GetValue<string>().Should().Be("Geen werkervaringsplaatsen");

        await SubmitAsync(contract, Plan(employees: 3));
        var approved = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject { ["note"] = "Akkoord" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        approved["inForce"]!["revision"]!.GetValue<int>().Should().Be(2);
        approved["inForce"]!["remark"]!.GetValue<string>().Should().Be("Akkoord");
        approved["pending"].Should().BeNull();

        // Realised: two people employed (the second one's report still pending does not count), € 12.000 purchased and accepted.
        await contract.AcceptAsync(await contract.ReportAsync(Employment()));
        await contract.AcceptAsync(await contract.ReportAsync(Employment(candidate: "100235", start: "2024-10-01", end: "2024-12-31")));
        await contract.ReportAsync(Employment(candidate: "100236"));
        await contract.AcceptAsync(await contract.ReportAsync(SocialProcurement(UniqueInvoice(), amount: 12_000m)));

        // The term ended in 2025: every line is judged.
        var plan = await (await contract.Contractor.GetAsync($"{contract.Url}/plan")).ShouldBeAsync(HttpStatusCode.OK);
        Lines(plan["inForce"]!).Should().Equal(
            ("employment", 3m, 2m, "behind"), ("bbl", 1m, 0m, "behind"), ("social-procurement", 20_000m, 12_000m, "behind"));
        plan["revisions"]!.AsArray().Select(r => (r!["revision"]!.GetValue<int>(), r["status"]!.GetValue<string>())).Should().Equal(
            (1, "returned"), (2, "approved"));
        plan["revisions"]![0]!["lines"]![0]!["amount"]!.GetValue<decimal>().Should().Be(2m);

        var balance = await contract.BalanceAsync();
        Lines(balance["plan"]!["inForce"]!).Should().Equal(Lines(plan["inForce"]!));

        // A revision waits beside the plan in force, with its own figures.
        var revised = await SubmitAsync(contract, Plan(employees: 2), by: contract.Inkoop);
        (revised["inForce"]!["revision"]!.GetValue<int>(), revised["pending"]!["revision"]!.GetValue<int>()).Should().Be((2, 3));
        Lines(revised["pending"]!).First().Should().Be(("employment", 2m, 2m, "met"));

        var history = await (await contract.Wsp.GetAsync($"{contract.Url}/history?pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
        history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Where(t => t.StartsWith("contract.plan-")).Should().Equal(
            "contract.plan-submitted.v1", "contract.plan-returned.v1", "contract.plan-submitted.v1", "contract.plan-approved.v1", "contract.plan-submitted.v1");
    }

    [Fact]
    public async Task Only_the_contractor_or_procurement_submits_only_the_wsp_decides_and_only_a_submitted_revision()
    {
        var contract = await ContractAsync(api);
        await (await contract.Wsp.PutAsync($"{contract.Url}/plan", Json(Plan()))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.Forbidden);

        var nothing = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        nothing["code"]!.GetValue<string>().Should().Be("plan.nothing-submitted");
        await SubmitAsync(contract, Plan());
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/return", new JsonObject())).ShouldNameFieldAsync("reason");
        var approved = await contract.Wsp.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{contract.Url}/plan/approval"));
        (await approved.ShouldBeAsync(HttpStatusCode.OK))["inForce"]!["revision"]!.GetValue<int>().Should().Be(1);
        var again = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/plan/return", new JsonObject { ["reason"] = "toch niet" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        again["code"]!.GetValue<string>().Should().Be("plan.nothing-submitted");

        // Another contractor, another municipality: no such contract.
        var stranger = await api.ClientAsync("opdrachtnemer", kvkNumber: ContractBodies.UniqueKvk());
        await (await stranger.PutAsync($"{contract.Url}/plan", Json(Plan()))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"{contract.Url}/plan")).ShouldBeAsync(HttpStatusCode.NotFound);
        var leiden = await api.ClientAsync("wsp", "GM0546");
        await (await leiden.PostJsonAsync($"{contract.Url}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await leiden.GetAsync($"{contract.Url}/plan")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_lines_are_400_naming_every_field_and_broken_rules_are_422_with_their_code_writing_nothing()
    {
        var contract = await ContractAsync(api);
        var db = api.DataSource;
        var before = await contract.EventCountAsync(db);

        var bad = await (await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["kind"] = "employment", ["from"] = "2024-04-01" }, new JsonObject { ["kind"] = "vrijwilligerswerk", ["from"] = "2024-04-01", ["to"] = "2024-12-31", ["amount"] = 1 }),
        }))).ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().Contain(["lines[0].to", "lines[0].amount", "lines[1].kind"]);
        await (await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(new JsonObject()))).ShouldNameFieldAsync("lines");

        async Task<JsonNode> Refused(JsonObject line, params JsonObject[] more)
        {
            var lines = new JsonArray(line);
            foreach (var other in more) lines.Add(other);
            return await (await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(new JsonObject { ["lines"] = lines })))
                .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        }
        JsonObject Line(string kind, decimal amount, string from = "2024-04-01", string to = "2024-12-31") =>
            new() { ["kind"] = kind, ["from"] = from, ["to"] = to, ["amount"] = amount };

        (await Refused(Line("training", 0m)))["code"]!.GetValue<string>().Should().Be("plan.amount-not-positive");
        (await Refused(Line("bbl", 1.5m)))["code"]!.GetValue<string>().Should().Be("plan.amount-not-whole");
        (await Refused(Line("training", 100m, to: "2025-04-30")))["code"]!.GetValue<string>().Should().Be("plan.outside-contract-term");
        (await Refused(Line("training", 100m, from: "2024-06-01", to: "2024-05-01")))["code"]!.GetValue<string>().Should().Be("plan.ends-before-start");
        (await Refused(Line("bbl", 1, to: "2024-06-30"), Line("bbl", 1, from: "2024-06-01")))["code"]!.GetValue<string>().Should().Be("plan.lines-overlap");
        var block = Line("training", 100m);
        block["block"] = "ww";
        (await Refused(block))["code"]!.GetValue<string>().Should().Be("plan.block-not-of-kind");
        await (await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(new JsonObject { ["lines"] = new JsonArray() })))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        (await contract.EventCountAsync(db)).Should().Be(before);
    }

    [Fact]
    public async Task A_running_contract_without_an_approved_plan_three_months_after_award_is_on_the_worklist_until_one_is_approved()
    {
        const string municipality = "GM9371";
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var wsp = await api.ClientAsync("wsp", municipality);
        var kvk = ContractBodies.UniqueKvk();
        async Task<string> RegisterAsync(LocalDate awardedOn, LocalDate endsOn) =>
            (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk, awardedOn: Iso(awardedOn))
                .With("startsOn", Iso(awardedOn.PlusDays(10))).With("endsOn", Iso(endsOn))
                .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Testgemeente zonder beleid" })))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var late = await RegisterAsync(today.PlusDays(-120), today.PlusDays(300));
        var recent = await RegisterAsync(today.PlusDays(-30), today.PlusDays(300));     // not three months yet
        var ended = await RegisterAsync(today.PlusDays(-500), today.PlusDays(-10));     // its term is over

        var list = await (await wsp.GetAsync("/api/v1/worklist?kind=plan-missing")).ShouldBeAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(i => (i!["kind"]!.GetValue<string>(), i["contractId"]!.GetValue<string>(), i["dueSince"]!.GetValue<string>()))
            .Should().Equal(("plan-missing", late, Iso(today.PlusDays(-120).PlusMonths(3))));
        list["total"]!.GetValue<long>().Should().Be(1);
        (await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Should().NotContain(i => i!["kind"]!.GetValue<string>() == "plan-missing", "the unfiltered list keeps to the contracts' standing and reports");

        // Submitted is not enough; approved is.
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var line = new JsonObject { ["lines"] = new JsonArray(new JsonObject
        {
            ["kind"] = "training", ["from"] = Iso(today.PlusDays(-100)), ["to"] = Iso(today.PlusDays(100)), ["amount"] = 2_500,
        }) };
        await (await contractor.PutAsync($"/api/v1/contracts/{late}/plan", Json(line))).ShouldBeAsync(HttpStatusCode.OK);
        (await (await wsp.GetAsync("/api/v1/worklist?kind=plan-missing")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>().Should().Be(1);
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{late}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        (await (await wsp.GetAsync("/api/v1/worklist?kind=plan-missing")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<long>().Should().Be(0);
        _ = (recent, ended);
    }
}
