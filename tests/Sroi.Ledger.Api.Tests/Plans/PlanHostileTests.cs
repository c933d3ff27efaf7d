using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Tests.Fulfilments;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Plans;

/// <summary>
/// A hostile and a careless user against the plan of approach (session 31): odd values in a line, a decision on a
/// stale or replaced revision, a contract completed without a plan, the plan-missing boundary to the day.
/// </summary>
[Collection(ApiCollection.Name)]
public class PlanHostileTests(LedgerApi api)
{
    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static string Lines(params string[] lines) => $$"""{"lines": [{{string.Join(",", lines)}}]}""";

    private static string Line(string amount = "1", string kind = "\"training\"", string extra = "") =>
        $$"""{"kind": {{kind}}, "from": "2024-04-01", "to": "2024-12-31", "amount": {{amount}}{{extra}}}""";

    [Fact]
    public async Task Odd_values_in_a_line_are_a_400_naming_each_never_rounded_and_nothing_is_written()
    {
        var contract = await ContractAsync(api);
        var before = await contract.EventCountAsync(api.DataSource);
        async Task<IEnumerable<string>> BadAsync(string body) =>
            (await (await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(body))).ShouldBeAsync(HttpStatusCode.BadRequest))
                ["errors"]!.AsObject().Select(e => e.Key).ToList();

        (await BadAsync(Lines(Line("20000.005"), Line("1e3"), Line("\"2\""), Line("null"), Line("99999999999999999999999"))))
            .Should().BeEquivalentTo(["lines[0].amount", "lines[1].amount", "lines[2].amount", "lines[3].amount", "lines[4].amount"]);
        (await BadAsync(Lines(Line(kind: "null"), Line(kind: "\"BBL\""), Line(kind: "3"), Line(extra: ", \"persons\": 2"))))
            .Should().BeEquivalentTo(["lines[0].kind", "lines[1].kind", "lines[2].kind", "lines[3].persons"]);
        (await BadAsync(Lines(Line(extra: ", \"block\": \"bbl-level5\""), Line(extra: ", \"from\": \"2024-04-01\""),
            """{"kind": "training", "from": "2024-02-30", "to": "31-12-2024", "amount": 1}""")))
            .Should().BeEquivalentTo(["lines[0].block", "lines[1].from", "lines[2].from", "lines[2].to"]);
        (await BadAsync("""{"lines": [null]}""")).Should().Equal("lines[0]");
        (await BadAsync("""{"lines": null}""")).Should().Equal("lines");
        (await BadAsync("""{"lines": {"kind": "training"}}""")).Should().Equal("lines");

        (await contract.EventCountAsync(api.DataSource)).Should().Be(before);
    }

    [Fact]
    public async Task A_decision_on_a_revision_replaced_since_it_was_read_is_a_412_and_a_repeat_is_the_first_answer()
    {
        var contract = await ContractAsync(api);
        // Another municipality's procurement cannot submit for it, the contractor cannot approve its own plan.
        var leiden = await api.ClientAsync("inkoop", "GM0546");
        await (await leiden.PutAsync($"{contract.Url}/plan", Json(Lines(Line("1000"))))).ShouldBeAsync(HttpStatusCode.NotFound);
        var first = await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(Lines(Line("1000"))));
        await first.ShouldBeAsync(HttpStatusCode.OK);
        var read = await contract.Wsp.GetAsync($"{contract.Url}/plan");
        var etag = read.Headers.ETag!.Tag;

        // The contractor replaces the revision the WSP is looking at; the WSP's approval with the ETag it read is refused.
        await (await contract.Contractor.PutAsync($"{contract.Url}/plan", Json(Lines(Line("1"))))).ShouldBeAsync(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"{contract.Url}/plan/approval") { Content = Json("{}") };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await contract.Wsp.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);

        async Task<HttpResponseMessage> ApproveAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{contract.Url}/plan/approval") { Content = Json("""{"note": "akkoord"}""") };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "plan-approval-" + ContractBodies.UniqueLetters(10));
            return await contract.Wsp.SendAsync(request);
        }
        var approval = new HttpRequestMessage(HttpMethod.Post, $"{contract.Url}/plan/approval") { Content = Json("""{"note": "akkoord"}""") };
        var key = "plan-approval-" + ContractBodies.UniqueLetters(10);
        approval.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        var approved = await (await contract.Wsp.SendAsync(approval)).ShouldBeAsync(HttpStatusCode.OK);
        approved["inForce"]!["revision"]!.GetValue<int>().Should().Be(2);
        var again = new HttpRequestMessage(HttpMethod.Post, $"{contract.Url}/plan/approval") { Content = Json("""{"note": "akkoord"}""") };
        again.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        (await (await contract.Wsp.SendAsync(again)).ShouldBeAsync(HttpStatusCode.OK))["inForce"]!["revision"]!.GetValue<int>().Should().Be(2);
        // A second approval under a new key: nothing awaits review any more.
        (await (await ApproveAsync()).ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("plan.nothing-submitted");
    }

    [Fact]
    public async Task The_plan_missing_worklist_lists_a_contract_from_the_day_three_months_after_award_and_never_a_completed_one()
    {
        const string municipality = "GM9373";
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var wsp = await api.ClientAsync("wsp", municipality);
        var kvk = ContractBodies.UniqueKvk();
        async Task<string> RegisterAsync(LocalDate awardedOn) =>
            (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk, awardedOn: Iso(awardedOn))
                .With("startsOn", Iso(awardedOn)).With("endsOn", Iso(today.PlusDays(300)))
                .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Testgemeente zonder beleid" })))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var exactly = await RegisterAsync(today.PlusMonths(-3));
        var dayShort = await RegisterAsync(today.PlusMonths(-3).PlusDays(1));
        var completed = await RegisterAsync(today.PlusMonths(-6));

        // The contractor submitted a plan for the one completed later; it still awaited review when the work ended.
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        await (await contractor.PutAsync($"/api/v1/contracts/{completed}/plan", Json($$"""
            {"lines": [{"kind": "training", "from": "{{Iso(today.PlusMonths(-6))}}", "to": "{{Iso(today)}}", "amount": 2500}]}
            """))).ShouldBeAsync(HttpStatusCode.OK);
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{completed}/completion", new JsonObject { ["completedOn"] = Iso(today.PlusDays(-1)) }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var list = await (await wsp.GetAsync("/api/v1/worklist?kind=plan-missing")).ShouldBeAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(i => (i!["contractId"]!.GetValue<string>(), i["dueSince"]!.GetValue<string>()))
            .Should().Equal((exactly, Iso(today.PlusMonths(-3).PlusMonths(3))));
        _ = dayShort;

        // A completed contract's plan no longer changes: the revision left waiting is sent back, not approved.
        (await (await wsp.PostJsonAsync($"/api/v1/contracts/{completed}/plan/approval", new JsonObject())).ShouldBeAsync(HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("contract.already-completed");
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{completed}/plan/return", new JsonObject { ["reason"] = "Het werk is af" }))
            .ShouldBeAsync(HttpStatusCode.OK);

        // A row stored under the old rule (due although completed) is corrected by the backfill's version 2, once.
        async Task<object?> ColumnAsync(string sql)
        {
            await using var command = api.DataSource.CreateCommand(
                $"{sql} {Sroi.Ledger.Api.Contracts.ContractStorage.Table} WHERE id LIKE '%' || $1");
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = completed });
            return await command.ExecuteScalarAsync();
        }
        await using (var stale = api.DataSource.CreateCommand(
            $"UPDATE {Sroi.Ledger.Api.Contracts.ContractStorage.Table} SET plan_missing_from = CURRENT_DATE - 90 WHERE id LIKE '%' || $1"))
        {
            stale.Parameters.Add(new Npgsql.NpgsqlParameter { Value = completed });
            (await stale.ExecuteNonQueryAsync()).Should().Be(1);
        }
        (await Sroi.Ledger.Api.Plans.PlanMissingBackfill.FillAsync(api.Services.GetRequiredService<Marten.IDocumentStore>(), api.DataSource,
            CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);
        (await ColumnAsync("SELECT plan_missing_from IS NULL FROM")).Should().Be(true);
        (await (await wsp.GetAsync("/api/v1/worklist?kind=plan-missing")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(i => i!["contractId"]!.GetValue<string>()).Should().Equal(exactly);
    }
}
