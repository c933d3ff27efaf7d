using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// A programme outcome recorded by mistake is withdrawn by an event (POST …/outcomes/withdrawal): the candidate and the
/// programme report no longer count it, and the report as known before the withdrawal still does.
/// </summary>
[Collection(ApiCollection.Name)]
public class ProgrammeOutcomeWithdrawalTests(LedgerApi api)
{
    /// <summary>Used by no other test, so the report's figures are this test's only.</summary>
    private const string Municipality = "GM9723";

    private const string Report = "/api/v1/reports/programmes/meedoen-werkt?from=2022-09-01&to=2023-12-31";

    [Fact]
    public async Task A_withdrawn_outcome_no_longer_counts_but_the_report_as_known_before_the_withdrawal_still_counts_it()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        await PostAsync(wsp, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = Municipality, ["code"] = "meedoen-werkt", ["name"] = "Meedoen Werkt", ["startsOn"] = "2022-09-01",
            ["outcomes"] = new JsonArray("first-talk", "activated", "to-work"),
        }, HttpStatusCode.Created);
        var numbers = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var number = await wsp.RegisterAsync(Registration(registeredOn: "2022-06-01", municipality: Municipality));
            await PostAsync(wsp, $"/api/v1/candidates/{number}/programmes/meedoen-werkt/enrolment", new JsonObject { ["enrolledOn"] = "2022-10-01" });
            await PostAsync(wsp, $"/api/v1/candidates/{number}/programmes/meedoen-werkt/outcomes", Outcome("first-talk", "2022-10-01"));
            await PostAsync(wsp, $"/api/v1/candidates/{number}/programmes/meedoen-werkt/outcomes", Outcome("activated", "2022-11-01"));
            numbers.Add(number);
        }
        var before = await LastRecordedAsync();
        var path = $"/api/v1/candidates/{numbers[0]}/programmes/meedoen-werkt";

        var withdrawn = await PostAsync(wsp, $"{path}/outcomes/withdrawal", Withdrawal("activated", "2022-11-01"));

        JsonNode.DeepEquals(withdrawn["enrolments"]![0]!["outcomes"], JsonNode.Parse("""[{"outcome":"first-talk","on":"2022-10-01"}]"""))
            .Should().BeTrue(withdrawn.ToJsonString());
        var candidate = await GetAsync(wsp, $"/api/v1/candidates/{numbers[0]}");
        candidate["programmes"]![0]!["outcomes"]!.AsArray().Select(o => o!["outcome"]!.GetValue<string>()).Should().Equal("first-talk");
        var today = await GetAsync(auditor, Report);
        (today.Long("enrolled"), today.Long("outcomes.first-talk"), today.Long("outcomes.activated"), today.Long("outcomes.to-work"))
            .Should().Be((3L, 3L, 2L, 0L));
        var then = await GetAsync(auditor, $"{Report}&asKnownOn={Uri.EscapeDataString(before)}");
        (then.Long("enrolled"), then.Long("outcomes.first-talk"), then.Long("outcomes.activated"), then.Long("outcomes.to-work"))
            .Should().Be((3L, 3L, 3L, 0L));

        // Recorded again on the day it was really reached: it counts again, once.
        await PostAsync(wsp, $"{path}/outcomes", Outcome("activated", "2022-11-20"));
        (await GetAsync(auditor, Report)).Long("outcomes.activated").Should().Be(3);
    }

    [Fact]
    public async Task Withdrawing_names_every_bad_field_refuses_what_is_not_recorded_and_an_unknown_programme()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        await PostAsync(wsp, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = Municipality, ["code"] = "van-deel-naar-heel", ["name"] = "Van Deel naar Heel", ["startsOn"] = "2022-01-01",
            ["outcomes"] = new JsonArray("more-hours", "self-supporting"),
        }, HttpStatusCode.Created);
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2021-06-01", municipality: Municipality));
        var path = $"/api/v1/candidates/{number}/programmes/van-deel-naar-heel";
        await PostAsync(wsp, $"{path}/enrolment", new JsonObject { ["enrolledOn"] = "2022-02-01" });
        await PostAsync(wsp, $"{path}/outcomes", Outcome("more-hours", "2022-04-01"));

        var bad = await PostAsync(wsp, $"{path}/outcomes/withdrawal", new JsonObject { ["outcome"] = "Meer uren", ["on"] = "2022-13-01" },
            HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("outcome", "on", "reason");
        (await PostAsync(wsp, $"{path}/outcomes/withdrawal", Withdrawal("more-hours", "2022-04-02"), HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("programme.outcome-not-recorded");
        await PostAsync(wsp, $"/api/v1/candidates/{number}/programmes/onbekend/outcomes/withdrawal", Withdrawal("more-hours", "2022-04-01"),
            HttpStatusCode.NotFound);
        await PostAsync(wsp, $"{path}/outcomes/withdrawal", Withdrawal("more-hours", "2022-04-01"));
        (await PostAsync(wsp, $"{path}/outcomes/withdrawal", Withdrawal("more-hours", "2022-04-01"), HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("programme.outcome-not-recorded");
    }

    private static JsonObject Outcome(string outcome, string on) => new() { ["outcome"] = outcome, ["on"] = on };

    private static JsonObject Withdrawal(string outcome, string on) =>
        new() { ["outcome"] = outcome, ["on"] = on, ["reason"] = "Per vergissing vastgelegd" };

    private async Task<string> LastRecordedAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT max(timestamp) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Municipality });
        var instant = Instant.FromDateTimeUtc(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
        return InstantPattern.ExtendedIso.Format(instant);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);
}
