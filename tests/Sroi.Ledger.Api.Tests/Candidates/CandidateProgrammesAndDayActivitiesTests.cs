using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>
/// GET /api/v1/candidates/{n} answers with everything issue 22 records on the candidate's stream: the benefit's act and
/// the WSP's service, the enrolments on programmes with their outcomes, the school left and the day activities; as known
/// on an instant, what was recorded by then.
/// </summary>
[Collection(ApiCollection.Name)]
public class CandidateProgrammesAndDayActivitiesTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9722";

    [Fact]
    public async Task The_candidate_shows_its_enrolments_with_outcomes_its_school_and_day_activities_and_as_known_before_the_last()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        await PostAsync(wsp, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = Municipality, ["code"] = "meedoen-werkt", ["name"] = "Meedoen Werkt", ["startsOn"] = "2022-09-01",
            ["outcomes"] = new JsonArray("first-talk", "activated", "to-work"),
        }, HttpStatusCode.Created);
        var registration = Registration(registeredOn: "2022-06-01", municipality: Municipality).With("benefitAct", "ioaw").With("servedByWsp", false);
        registration["schoolLeaver"] = new JsonObject { ["schoolType"] = "vso", ["schoolYearLeft"] = "2021-2022" };
        var number = await wsp.RegisterAsync(registration);
        var path = $"/api/v1/candidates/{number}";
        await PostAsync(wsp, $"{path}/programmes/meedoen-werkt/enrolment", new JsonObject { ["enrolledOn"] = "2022-10-01" });
        await PostAsync(wsp, $"{path}/programmes/meedoen-werkt/outcomes", new JsonObject { ["outcome"] = "first-talk", ["on"] = "2022-10-01" });
        await PostAsync(wsp, $"{path}/programmes/meedoen-werkt/outcomes", new JsonObject { ["outcome"] = "activated", ["on"] = "2022-11-15" });
        await PostAsync(wsp, $"{path}/day-activities", new JsonObject { ["activity"] = "at-school", ["effectiveOn"] = "2022-06-01" });
        var before = await LastRecordedAsync();
        await PostAsync(wsp, $"{path}/programmes/meedoen-werkt/enrolment/end", new JsonObject { ["endedOn"] = "2023-03-31", ["reason"] = "Afgerond" });
        await PostAsync(wsp, $"{path}/day-activities", new JsonObject { ["activity"] = "working", ["effectiveOn"] = "2023-04-01" });

        var candidate = await GetAsync(wsp, path);
        ShouldEqual(candidate["programmes"]!, """
            [{"programme":"meedoen-werkt","enrolledOn":"2022-10-01","endedOn":"2023-03-31","endReason":"Afgerond",
              "outcomes":[{"outcome":"first-talk","on":"2022-10-01"},{"outcome":"activated","on":"2022-11-15"}]}]
            """);
        ShouldEqual(candidate["schoolLeaver"]!, """{"schoolType":"vso","schoolYearLeft":"2021-2022"}""");
        ShouldEqual(candidate["dayActivities"]!, """
            [{"activity":"at-school","effectiveOn":"2022-06-01"},{"activity":"working","effectiveOn":"2023-04-01"}]
            """);
        (candidate["benefitAct"]!.GetValue<string>(), candidate["servedByWsp"]!.GetValue<bool>()).Should().Be(("ioaw", false));

        var then = await GetAsync(wsp, $"{path}?asKnownOn={Uri.EscapeDataString(before)}");
        ShouldEqual(then["programmes"]!, """
            [{"programme":"meedoen-werkt","enrolledOn":"2022-10-01","endedOn":null,"endReason":null,
              "outcomes":[{"outcome":"first-talk","on":"2022-10-01"},{"outcome":"activated","on":"2022-11-15"}]}]
            """);
        ShouldEqual(then["dayActivities"]!, """[{"activity":"at-school","effectiveOn":"2022-06-01"}]""");
    }

    [Fact]
    public async Task A_programme_cannot_be_amended_to_end_before_an_enrolment_already_recorded()
    {
        // Found by the hostile run on issue 22: no one is enrolled after a programme ended, yet an amendment could move its
        // end before the enrolments already made, so the ledger said "enrolled after it ended" without refusing anything.
        var wsp = await api.ClientAsync("wsp", Municipality);
        await PostAsync(wsp, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = Municipality, ["code"] = "kort-traject", ["name"] = "Kort traject", ["startsOn"] = "2022-01-01",
            ["outcomes"] = new JsonArray("first-talk"),
        }, HttpStatusCode.Created);
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2021-06-01", municipality: Municipality));
        await PostAsync(wsp, $"/api/v1/candidates/{number}/programmes/kort-traject/enrolment", new JsonObject { ["enrolledOn"] = "2022-03-01" });

        var refused = await PostAsync(wsp, "/api/v1/programmes/kort-traject/amendment",
            new JsonObject { ["endsOn"] = "2022-02-28", ["reason"] = "Eerder gestopt" }, HttpStatusCode.UnprocessableEntity);
        (refused["code"]!.GetValue<string>(), refused["field"]!.GetValue<string>()).Should().Be(("programme.ends-before-enrolment", "endsOn"));
        (await GetAsync(wsp, "/api/v1/programmes/kort-traject"))["endsOn"].Should().BeNull("nothing was written");

        // Ending on the day of the last enrolment, or later, is fine.
        var amended = await PostAsync(wsp, "/api/v1/programmes/kort-traject/amendment",
            new JsonObject { ["endsOn"] = "2022-03-01", ["reason"] = "Afgerond" });
        amended["endsOn"]!.GetValue<string>().Should().Be("2022-03-01");
    }

    [Fact]
    public async Task No_outcome_after_the_programme_ended_and_no_amended_end_before_an_outcome_reached()
    {
        // Found attacking issue 22: POST …/outcomes {"outcome":"first-talk","on":"2024-01-05"} on a programme that ended on
        // 2023-12-31 answered 200 (the enrolment was still open), and an amendment could then move the end before that outcome.
        var wsp = await api.ClientAsync("wsp", Municipality);
        await PostAsync(wsp, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = Municipality, ["code"] = "afgelopen-traject", ["name"] = "Afgelopen traject", ["startsOn"] = "2022-09-01",
            ["endsOn"] = "2023-12-31", ["outcomes"] = new JsonArray("first-talk", "to-work"),
        }, HttpStatusCode.Created);
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2022-01-01", municipality: Municipality));
        var path = $"/api/v1/candidates/{number}/programmes/afgelopen-traject";
        await PostAsync(wsp, $"{path}/enrolment", new JsonObject { ["enrolledOn"] = "2022-10-01" });

        var late = await PostAsync(wsp, $"{path}/outcomes", new JsonObject { ["outcome"] = "first-talk", ["on"] = "2024-01-05" },
            HttpStatusCode.UnprocessableEntity);
        (late["code"]!.GetValue<string>(), late["field"]!.GetValue<string>()).Should().Be(("programme.ended", "on"));
        (await GetAsync(wsp, path))["enrolments"]![0]!["outcomes"]!.AsArray().Should().BeEmpty("nothing was written");

        await PostAsync(wsp, $"{path}/outcomes", new JsonObject { ["outcome"] = "to-work", ["on"] = "2023-06-01" });
        var refused = await PostAsync(wsp, "/api/v1/programmes/afgelopen-traject/amendment",
            new JsonObject { ["endsOn"] = "2023-05-31", ["reason"] = "Eerder gestopt" }, HttpStatusCode.UnprocessableEntity);
        (refused["code"]!.GetValue<string>(), refused["field"]!.GetValue<string>()).Should().Be(("programme.ends-before-outcome", "endsOn"));
        (await GetAsync(wsp, "/api/v1/programmes/afgelopen-traject"))["endsOn"]!.GetValue<string>().Should().Be("2023-12-31", "nothing was written");

        var amended = await PostAsync(wsp, "/api/v1/programmes/afgelopen-traject/amendment",
            new JsonObject { ["endsOn"] = "2023-06-01", ["reason"] = "Afgerond" });
        amended["endsOn"]!.GetValue<string>().Should().Be("2023-06-01");
    }

    [Fact]
    public async Task A_candidates_enrolments_on_an_unknown_or_another_municipalitys_programme_are_a_404()
    {
        // Found attacking issue 22: GET /candidates/{n}/programmes/nope answered 200 {"enrolments":[]}, as if the programme
        // existed and the candidate had never been enrolled; every other programme route answers an unknown one with 404.
        var wsp = await api.ClientAsync("wsp", Municipality);
        var elsewhere = await api.ClientAsync("wsp", "GM0518");
        await PostAsync(elsewhere, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = "GM0518", ["code"] = "elders-traject", ["name"] = "Elders", ["startsOn"] = "2022-01-01",
            ["outcomes"] = new JsonArray("first-talk"),
        }, HttpStatusCode.Created);
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2022-01-01", municipality: Municipality));

        foreach (var code in new[] { "bestaat-niet", "elders-traject" })
        {
            var problem = await (await wsp.GetAsync($"/api/v1/candidates/{number}/programmes/{code}")).ShouldBeAsync(HttpStatusCode.NotFound);
            problem["detail"]!.GetValue<string>().Should().Be($"Programme {code} does not exist.");
        }
    }

    [Fact]
    public async Task A_candidate_with_none_shows_empty_lists_and_no_school()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2022-06-01", municipality: Municipality));

        var candidate = await GetAsync(wsp, $"/api/v1/candidates/{number}");

        candidate["programmes"]!.AsArray().Should().BeEmpty();
        candidate["dayActivities"]!.AsArray().Should().BeEmpty();
        candidate.AsObject().ContainsKey("schoolLeaver").Should().BeTrue("the answer names every field, null when there is none");
        candidate["schoolLeaver"].Should().BeNull();
        (candidate["benefitAct"]!.GetValue<string>(), candidate["servedByWsp"]!.GetValue<bool>()).Should().Be(("participatiewet", true));
    }

    private async Task<string> LastRecordedAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT max(timestamp) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Municipality });
        var instant = Instant.FromDateTimeUtc(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
        return InstantPattern.ExtendedIso.Format(instant);
    }

    private static void ShouldEqual(JsonNode actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).Should().BeTrue($"\n{actual.ToJsonString()}\nshould be\n{expected}");

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);
}
