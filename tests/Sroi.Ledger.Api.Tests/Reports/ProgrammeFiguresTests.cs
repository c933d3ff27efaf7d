using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Tests.Exports;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The acceptance test of the programme report (issue 22): Rijswijk's published programme figures (docs/domain.md), recorded
/// through the HTTP API with candidates who must not count mixed in (an enrolment ended early, first talks after the period),
/// asserted literally, and as known before the later outcomes were recorded (then the earlier numbers).
/// </summary>
[Collection(ApiCollection.Name)]
public class ProgrammeFiguresTests(LedgerApi api)
{
    /// <summary>Used by no other test, so its figures are this history's only.</summary>
    private const string Municipality = "GM9227";

    [Fact]
    public async Task The_programme_report_reproduces_Meedoen_Werkt_and_Van_Deel_naar_Heel()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);

        // Seed 003 (raadsinformatiebrief 2024): Meedoen Werkt, treden 1–2, from September 2022.
        await PostAsync(wsp, "/api/v1/programmes", Programme("meedoen-werkt", "Meedoen Werkt", "2022-09-01", null,
            "first-talk", "activated", "to-work", "volunteer"), HttpStatusCode.Created);
        // Seed 001 (evaluatie uitvoeringsnota Werk 2021–2022): Van Deel naar Heel, 2022.
        await PostAsync(wsp, "/api/v1/programmes", Programme("van-deel-naar-heel", "Van Deel naar Heel", "2022-01-01", "2022-12-31",
            "more-hours", "self-supporting"), HttpStatusCode.Created);

        // 543 first talks between September 2022 and July 2024 (each the day of enrolment), and 3 more in July 2024.
        var meedoen = Enumerable.Range(0, 546).Select(i => (Number: UniqueNumber(), Enrolled: new LocalDate(2022, 9, 1).PlusDays(i * 668 / 543), Index: i))
            .Select(c => c.Index < 543 ? c : c with { Enrolled = new LocalDate(2024, 7, 1).PlusDays(c.Index - 543) }).ToList();
        await ForEachAsync(meedoen, async c =>
        {
            await wsp.RegisterAsync(Registration(c.Number, "2022-06-01", trede: 1 + c.Index % 2, municipality: Municipality));
            await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/meedoen-werkt/enrolment", new JsonObject { ["enrolledOn"] = Iso(c.Enrolled) });
            await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/meedoen-werkt/outcomes", Outcome("first-talk", c.Enrolled));
        });
        // Van Deel naar Heel: 100 selected in 2022; 10 of the 34 who could not work more hours left the programme early.
        var deelNaarHeel = Enumerable.Range(0, 100).Select(i => (Number: UniqueNumber(), Index: i)).ToList();
        await ForEachAsync(deelNaarHeel, async c =>
        {
            await wsp.RegisterAsync(Registration(c.Number, "2021-05-01", trede: 5, municipality: Municipality));
            await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/van-deel-naar-heel/enrolment",
                new JsonObject { ["enrolledOn"] = Iso(new LocalDate(2022, 2, 1).PlusDays(c.Index)) });
        });
        var talked = await LastRecordedAsync();

        // 197 activated into social activities, 20 of them later to work.
        await ForEachAsync(meedoen.Take(197), c =>
            PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/meedoen-werkt/outcomes", Outcome("activated", c.Enrolled.PlusDays(30))));
        await ForEachAsync(meedoen.Take(20), c =>
            PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/meedoen-werkt/outcomes", Outcome("to-work", c.Enrolled.PlusDays(60))));
        // An enrolment ended early still counts as enrolled; its first talk stays.
        await PostAsync(wsp, $"/api/v1/candidates/{meedoen[300].Number}/programmes/meedoen-werkt/enrolment/end",
            new JsonObject { ["endedOn"] = Iso(meedoen[300].Enrolled.PlusDays(14)), ["reason"] = "Verhuisd" });
        // 66 work more hours; 45 of them fully self-supporting, so the benefit ended.
        await ForEachAsync(deelNaarHeel.Take(66), async c =>
        {
            await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/van-deel-naar-heel/outcomes", Outcome("more-hours", new LocalDate(2022, 9, 1)));
            if (c.Index < 45)
                await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/van-deel-naar-heel/outcomes", Outcome("self-supporting", new LocalDate(2022, 11, 1)));
        });
        await ForEachAsync(deelNaarHeel.Skip(90), c =>
            PostAsync(wsp, $"/api/v1/candidates/{c.Number}/programmes/van-deel-naar-heel/enrolment/end",
                new JsonObject { ["endedOn"] = "2022-06-30", ["reason"] = "Geen urenuitbreiding mogelijk" }));

        var meedoenWerkt = await GetAsync(auditor, "/api/v1/reports/programmes/meedoen-werkt?from=2022-09-01&to=2024-06-30");
        ShouldEqual(meedoenWerkt, Report("meedoen-werkt", "Meedoen Werkt", "2022-09-01", "2024-06-30", 543, 1,
            ("first-talk", 543), ("activated", 197), ("to-work", 20), ("volunteer", 0)));
        var vanDeelNaarHeel = await GetAsync(wsp, "/api/v1/reports/programmes/van-deel-naar-heel?from=2022-01-01&to=2022-12-31");
        ShouldEqual(vanDeelNaarHeel, Report("van-deel-naar-heel", "Van Deel naar Heel", "2022-01-01", "2022-12-31", 100, 10,
            ("more-hours", 66), ("self-supporting", 45)));

        // Without a period: everything recorded, the three first talks of July 2024 included.
        var all = await GetAsync(wsp, "/api/v1/reports/programmes/meedoen-werkt");
        (all.Long("enrolled"), all.Long("outcomes.first-talk"), all["period"]!["from"], all["period"]!["to"]).Should().Be((546L, 546L, null, null));

        // As known before the later outcomes were recorded: the first talks and enrolments only.
        var then = await GetAsync(auditor, $"/api/v1/reports/programmes/meedoen-werkt?from=2022-09-01&to=2024-06-30&asKnownOn={talked}");
        ShouldEqual(then, Report("meedoen-werkt", "Meedoen Werkt", "2022-09-01", "2024-06-30", 543, 0,
            ("first-talk", 543), ("activated", 0), ("to-work", 0), ("volunteer", 0)));
        var deelThen = await GetAsync(auditor, $"/api/v1/reports/programmes/van-deel-naar-heel?from=2022-01-01&to=2022-12-31&asKnownOn={talked}");
        (deelThen.Long("enrolled"), deelThen.Long("enrolmentsEnded"), deelThen.Long("outcomes.more-hours"), deelThen.Long("outcomes.self-supporting"))
            .Should().Be((100L, 0L, 0L, 0L));

        // The same figures as CSV.
        var csv = await CsvFile.GetAsync(auditor, "/api/v1/reports/programmes/van-deel-naar-heel?from=2022-01-01&to=2022-12-31");
        csv.Header.Should().Equal("gemeente", "traject", "van", "tot_en_met", "cijfer", "uitkomst", "aantal");
        csv.Rows.Select(r => (r["cijfer"], r["uitkomst"], r["aantal"])).Should().Equal(
            ("ingeschreven", "", "100"), ("beeindigd", "", "10"), ("uitkomst", "more-hours", "66"), ("uitkomst", "self-supporting", "45"));
    }

    [Fact]
    public async Task Programme_rules_answer_409_404_and_422()
    {
        const string municipality = "GM9228";
        var wsp = await api.ClientAsync("wsp", municipality);
        await PostAsync(wsp, "/api/v1/programmes", ProgrammeIn(municipality, "meedoen-werkt", "Meedoen Werkt", "2022-09-01", null, ["first-talk"]),
            HttpStatusCode.Created);
        await PostAsync(wsp, "/api/v1/programmes", ProgrammeIn(municipality, "meedoen-werkt", "Nog eens", "2023-01-01", null, ["first-talk"]),
            HttpStatusCode.Conflict);
        await PostAsync(wsp, "/api/v1/programmes", ProgrammeIn("GM0603", "elders", "Elders", "2023-01-01", null, ["first-talk"]), HttpStatusCode.Forbidden);
        var problem = await PostAsync(wsp, "/api/v1/programmes", new JsonObject
        {
            ["municipality"] = municipality, ["code"] = "Meedoen Werkt", ["startsOn"] = "2022-09-01", ["outcomes"] = new JsonArray("first-talk", "Eerste gesprek"),
        }, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("code", "name", "outcomes[1]");

        var number = await wsp.RegisterAsync(Registration(registeredOn: "2022-06-01", municipality: municipality));
        var path = $"/api/v1/candidates/{number}/programmes/meedoen-werkt";
        (await PostAsync(wsp, $"{path}/outcomes", Outcome("first-talk", new LocalDate(2022, 10, 1)), HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("programme.outcome-before-enrolment");
        (await PostAsync(wsp, $"{path}/enrolment", new JsonObject { ["enrolledOn"] = "2022-08-31" }, HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("programme.not-started");
        await PostAsync(wsp, $"/api/v1/candidates/{number}/programmes/onbekend/enrolment", new JsonObject { ["enrolledOn"] = "2022-10-01" }, HttpStatusCode.NotFound);
        var enrolled = await PostAsync(wsp, $"{path}/enrolment", new JsonObject { ["enrolledOn"] = "2022-10-01" });
        enrolled["enrolments"]!.AsArray().Should().ContainSingle();
        (await PostAsync(wsp, $"{path}/outcomes", Outcome("to-work", new LocalDate(2022, 10, 2)), HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("programme.outcome-not-counted");
        var ended = await PostAsync(wsp, $"{path}/enrolment/end", new JsonObject { ["endedOn"] = "2022-10-15", ["reason"] = "Verhuisd" });
        ended["enrolments"]![0]!["endedOn"]!.GetValue<string>().Should().Be("2022-10-15");
        var read = await GetAsync(wsp, path);
        (read["enrolments"]![0]!["enrolledOn"]!.GetValue<string>(), read["enrolments"]![0]!["endedOn"]!.GetValue<string>(),
            read["enrolments"]![0]!["endReason"]!.GetValue<string>()).Should().Be(("2022-10-01", "2022-10-15", "Verhuisd"));
        await GetAsync(wsp, "/api/v1/reports/programmes/onbekend", HttpStatusCode.NotFound);
        await (await wsp.GetAsync("/api/v1/reports/programmes/meedoen-werkt?from=2023-01-01&to=2022-01-01")).ShouldNameFieldAsync("to");

        var list = await GetAsync(wsp, "/api/v1/programmes");
        list["items"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).Should().Equal("meedoen-werkt");
    }

    private static JsonObject Programme(string code, string name, string startsOn, string? endsOn, params string[] outcomes) =>
        ProgrammeIn(Municipality, code, name, startsOn, endsOn, outcomes);

    private static JsonObject ProgrammeIn(string municipality, string code, string name, string startsOn, string? endsOn, string[] outcomes)
    {
        var body = new JsonObject
        {
            ["municipality"] = municipality, ["code"] = code, ["name"] = name, ["startsOn"] = startsOn,
            ["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode?)o)]),
        };
        if (endsOn is not null) body["endsOn"] = endsOn;
        return body;
    }

    private static JsonObject Outcome(string outcome, LocalDate on) => new() { ["outcome"] = outcome, ["on"] = Iso(on) };

    private static JsonObject Report(string code, string name, string from, string to, long enrolled, long ended, params (string Outcome, long Count)[] outcomes) =>
        new()
        {
            ["municipality"] = Municipality, ["programme"] = code, ["name"] = name,
            ["period"] = new JsonObject { ["from"] = from, ["to"] = to },
            ["enrolled"] = enrolled, ["enrolmentsEnded"] = ended,
            ["outcomes"] = new JsonObject(outcomes.Select(o => KeyValuePair.Create(o.Outcome, (JsonNode?)o.Count))),
        };

    private async Task<string> LastRecordedAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT max(timestamp) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Municipality });
        var instant = Instant.FromDateTimeUtc(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
        return InstantPattern.ExtendedIso.Format(instant);
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static void ShouldEqual(JsonNode actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"the report\n{actual.ToJsonString()}\nshould be\n{expected.ToJsonString()}");

    private static async Task<JsonNode> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).ShouldBeAsync(expected);

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> step) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await step(item));
}
