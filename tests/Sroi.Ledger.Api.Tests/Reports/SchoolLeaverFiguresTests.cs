using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Tests.Exports;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The acceptance test of the school-leavers report (issue 22): Rijswijk's tussenevaluatie (2019, seed 000) counts 86 young
/// people who left praktijkonderwijs or VSO by their day activity. Recorded through the HTTP API — each registered as a
/// school leaver in one of four school years, first "under investigation", then their activity (changed twice for those
/// working), with activities after the date and school leavers registered after it mixed in — and asserted literally, and
/// as known before the activities were recorded (then every one under investigation).
/// </summary>
[Collection(ApiCollection.Name)]
public class SchoolLeaverFiguresTests(LedgerApi api)
{
    /// <summary>Used by no other test, so its figures are this history's only.</summary>
    private const string Municipality = "GM9229";

    private static readonly (string Activity, int Count)[] Published =
    [
        ("at-school", 25), ("working", 23), ("supported-without-benefit", 8), ("supported-with-benefit", 8), ("wmo-or-care", 4),
        ("basic-qualification", 4), ("wajong", 5), ("under-investigation", 7), ("early-school-leaver", 2),
    ];

    private static readonly string[] SchoolYears = ["2014-2015", "2015-2016", "2016-2017", "2017-2018"];

    private sealed record Leaver(string Number, string SchoolYear, LocalDate RegisteredOn, string Activity);

    [Fact]
    public async Task The_school_leavers_report_reproduces_the_tussenevaluatie()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        var leavers = Published.SelectMany(p => Enumerable.Repeat(p.Activity, p.Count))
            .Select((activity, i) => new Leaver(UniqueNumber(), SchoolYears[i % 4], new LocalDate(2015 + i % 4, 8, 1), activity)).ToList();
        // Left in 2018-2019, registered after the date the report is taken on: not counted on it.
        var later = Enumerable.Range(0, 2).Select(_ => new Leaver(UniqueNumber(), "2018-2019", new LocalDate(2019, 8, 1), "working")).ToList();

        await ForEachAsync([.. leavers, .. later], async (l, i) =>
        {
            var registration = Registration(l.Number, Iso(l.RegisteredOn), trede: 3, targetGroup: "young-without-qualification", benefitSince: null,
                municipality: Municipality);
            registration["schoolLeaver"] = new JsonObject { ["schoolType"] = i % 3 == 0 ? "vso" : "pro", ["schoolYearLeft"] = l.SchoolYear };
            await wsp.RegisterAsync(registration);
            await DayActivityAsync(wsp, l.Number, "under-investigation", l.RegisteredOn);
        });
        var investigated = await LastRecordedAsync();

        await ForEachAsync(leavers.Where(l => l.Activity != "under-investigation"), async (l, _) =>
        {
            if (l.Activity == "working")
            {
                // Changed twice: back to school first, then to work.
                await DayActivityAsync(wsp, l.Number, "at-school", l.RegisteredOn.PlusDays(30));
                await DayActivityAsync(wsp, l.Number, "working", new LocalDate(2019, 1, 15));
            }
            else
                await DayActivityAsync(wsp, l.Number, l.Activity, l.RegisteredOn.PlusDays(30));
        });
        // After the date: three at school start working in September 2019, which the report on 2019-03-31 does not see.
        await ForEachAsync(leavers.Where(l => l.Activity == "at-school").Take(3), (l, _) => DayActivityAsync(wsp, l.Number, "working", new LocalDate(2019, 9, 1)));

        var report = await GetAsync(auditor, "/api/v1/reports/school-leavers?asOf=2019-03-31");
        report.Long("total").Should().Be(86);
        report["byActivity"]!.AsObject().Select(a => (a.Key, a.Value!.GetValue<long>()))
            .Should().Equal(Published.Select(p => (p.Activity, (long)p.Count)));
        report.Long("withoutActivity").Should().Be(0);
        ShouldEqual(report, Expected(leavers, null, l => l.Activity));

        var year = await GetAsync(wsp, "/api/v1/reports/school-leavers?asOf=2019-03-31&schoolYear=2017-2018");
        ShouldEqual(year, Expected(leavers, "2017-2018", l => l.Activity));

        // As known before the activities were recorded: all 86 under investigation.
        var then = await GetAsync(auditor, $"/api/v1/reports/school-leavers?asOf=2019-03-31&asKnownOn={investigated}");
        ShouldEqual(then, Expected(leavers, null, _ => "under-investigation"));

        // A year later all 88 are registered (the two of 2018-2019 under investigation); the three who started working in
        // September 2019 count as working.
        var after = await GetAsync(auditor, "/api/v1/reports/school-leavers?asOf=2020-03-31");
        (after.Long("total"), after.Long("byActivity.working"), after.Long("byActivity.at-school"), after.Long("byActivity.under-investigation"))
            .Should().Be((88L, 26L, 22L, 9L));

        // One who works: under investigation, at school, working — and registered as a school leaver.
        var worker = leavers.First(l => l.Activity == "working");
        var days = await GetAsync(auditor, $"/api/v1/candidates/{worker.Number}/day-activities");
        days["dayActivities"]!.AsArray().Select(a => a!["activity"]!.GetValue<string>()).Should().Equal("under-investigation", "at-school", "working");
        days["schoolLeaver"]!["schoolYearLeft"]!.GetValue<string>().Should().Be(worker.SchoolYear);

        var csv = await CsvFile.GetAsync(auditor, "/api/v1/reports/school-leavers?asOf=2019-03-31");
        csv.Header.Should().Equal("gemeente", "peildatum", "schooljaar", "cijfer", "dagactiviteit", "aantal");
        csv.Rows.Where(r => r["schooljaar"] == "").Select(r => (r["cijfer"], r["dagactiviteit"], r["aantal"])).Should().Equal(
            [("totaal", "", "86"), .. Published.Select(p => ("dagactiviteit", p.Activity, p.Count.ToString())), ("zonder_dagactiviteit", "", "0")]);

        var problem = await (await auditor.GetAsync("/api/v1/reports/school-leavers?schoolYear=2017-2019")).ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("asOf", "schoolYear");
    }

    /// <summary>The report a model of the history gives: per school year and in total, each leaver by <paramref name="activityOf"/>.</summary>
    private static JsonObject Expected(IReadOnlyList<Leaver> leavers, string? schoolYear, Func<Leaver, string> activityOf)
    {
        var counted = leavers.Where(l => schoolYear is null || l.SchoolYear == schoolYear).ToList();
        JsonObject ByActivity(IEnumerable<Leaver> group) =>
            new(Published.Select(p => KeyValuePair.Create(p.Activity, (JsonNode?)(long)group.Count(l => activityOf(l) == p.Activity))));
        return new JsonObject
        {
            ["municipality"] = Municipality,
            ["asOf"] = "2019-03-31",
            ["schoolYear"] = schoolYear,
            ["total"] = (long)counted.Count,
            ["byActivity"] = ByActivity(counted),
            ["withoutActivity"] = 0L,
            ["bySchoolYear"] = new JsonArray([.. counted.GroupBy(l => l.SchoolYear).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new JsonObject
                {
                    ["schoolYear"] = g.Key, ["total"] = (long)g.Count(), ["byActivity"] = ByActivity(g), ["withoutActivity"] = 0L,
                })]),
        };
    }

    private static async Task DayActivityAsync(HttpClient wsp, string number, string activity, LocalDate effectiveOn) =>
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/day-activities",
            new JsonObject { ["activity"] = activity, ["effectiveOn"] = Iso(effectiveOn) })).ShouldBeAsync(HttpStatusCode.OK);

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

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, int, Task> step) =>
        Parallel.ForEachAsync(items.Select((item, i) => (item, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (x, _) => await step(x.item, x.i));
}
