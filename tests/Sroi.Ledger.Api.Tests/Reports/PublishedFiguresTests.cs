using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The acceptance test of the placement reports: the published figures (docs/domain.md), recorded through the HTTP API in an
/// untidy order (late recordings, corrections, withdrawals), and every number the reports return checked — the
/// published ones as literals, the rest against a model computed from the same history.
/// </summary>
[Collection(ApiCollection.Name)]
public class PublishedFiguresTests(LedgerApi api)
{
    /// <summary>Used by no other test, so its figures are this history's only.</summary>
    private const string Municipality = "GM9001";

    private static readonly string[] Kinds = ["regular", "garantiebaan", "beschut-werk", "werkervaringsplaats", "leerwerkplek", "self-employed"];
    private static readonly string[] Channels = ["wsp", "sroi", "job-market", "temp-agency", "matcher", "other"];

    [Fact]
    public async Task The_reports_reproduce_the_published_figures()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        var history = await PublishedLedger.RecordAsync(api, Municipality);

        // Placements per year (Rijswijk): the published figures, then every number against the model.
        var y2018 = await GetAsync(auditor, "/api/v1/reports/placements?year=2018");
        var y2021 = await GetAsync(auditor, "/api/v1/reports/placements?year=2021");
        var y2022 = await GetAsync(wsp, "/api/v1/reports/placements?year=2022");
        var y2023 = await GetAsync(api.Admin(), $"/api/v1/reports/placements?year=2023&municipality={Municipality}");
        (Long(y2018, "total"), Int(y2018, "ambition"), y2018["ambitionMet"]!.GetValue<bool>()).Should().Be((365, 350, true));
        (Long(y2021, "total"), Long(y2021, "fullTime"), Long(y2021, "partTime"), Long(y2021, "benefitEndedAfterPlacement")).Should().Be((395, 144, 251, 277));
        (Long(y2022, "total"), Long(y2022, "fullTime"), Long(y2022, "partTime"), Long(y2022, "benefitEndedAfterPlacement")).Should().Be((369, 148, 221, 278));
        (Long(y2023, "total"), Int(y2023, "ambition"), y2023["ambitionMet"]!.GetValue<bool>(), Long(y2023, "difference")).Should().Be((274, 365, false, -91));
        y2021["ambition"].Should().BeNull();
        y2021["ambitionMet"].Should().BeNull();
        y2021["difference"].Should().BeNull();

        var range = await GetAsync(wsp, "/api/v1/reports/placements?from=2018&to=2024");
        int?[] ambitions = [350, 410, null, null, null, 365, 300];
        for (var year = 2018; year <= 2024; year++)
            ShouldEqual(range["years"]![year - 2018]!, ExpectedPlacements(history, year, ambitions[year - 2018]));
        foreach (var (year, single) in new[] { (2018, y2018), (2021, y2021), (2022, y2022), (2023, y2023) })
            ShouldEqual(single, range["years"]![year - 2018]!);
        ShouldEqual(range["total"]!, ExpectedPlacements(history, null, null));
        Long(range["total"]!, "total").Should().Be(365 + 395 + 369 + 274 + 8);

        // SROI placements.
        var sroi2018 = await GetAsync(wsp, "/api/v1/reports/sroi-placements?year=2018");
        var sroi2021 = await GetAsync(wsp, "/api/v1/reports/sroi-placements?year=2021");
        var sroi2022 = await GetAsync(wsp, "/api/v1/reports/sroi-placements?year=2022");
        var sroi2023 = await GetAsync(wsp, "/api/v1/reports/sroi-placements?year=2023");
        Long(sroi2018, "count").Should().Be(50);
        (Long(sroi2021, "count"), Long(sroi2021, "distinctEmployers")).Should().Be((76, 27));
        (Long(sroi2022, "count"), Long(sroi2022, "regional"), Long(sroi2022, "local"), sroi2022["regionalShare"]!.GetValue<decimal>())
            .Should().Be((63, 42, 21, 0.6667m));
        (Int(sroi2023, "ambition"), sroi2023["ambitionMet"]!.GetValue<bool>()).Should().Be((65, false));
        foreach (var (year, report) in new[] { (2018, sroi2018), (2021, sroi2021), (2022, sroi2022), (2023, sroi2023) })
            ShouldEqual(report, ExpectedSroi(history, year, year == 2023 ? 65 : null));

        // Trede distribution of benefit recipients (seed 002).
        var treden = await GetAsync(auditor, "/api/v1/reports/trede-distribution?asOf=2020-12-31");
        Long(treden, "total").Should().Be(1731);
        treden["treden"]!.AsArray().Select(t => (t!["trede"]!.GetValue<int>(), t["count"]!.GetValue<long>(), t["percentage"]!.GetValue<decimal>()))
            .Should().Equal((1, 237, 13.7m), (2, 891, 51.5m), (3, 41, 2.4m), (4, 315, 18.2m), (5, 119, 6.9m), (6, 128, 7.4m));

        // Doorstroom in 2021: the re-assessments of 2021 and the benefits that ended in it.
        ShouldEqual(await GetAsync(wsp, "/api/v1/reports/trede-flow?year=2021"), ExpectedFlow(history, 2021));
    }

    private static JsonObject ExpectedPlacements(PublishedHistory history, int? year, int? ambition)
    {
        var placements = history.Counting.Where(p => year is null ? p.Year is >= 2018 and <= 2024 : p.Year == year).ToList();
        long total = placements.Count;
        return new JsonObject
        {
            ["municipality"] = Municipality,
            ["year"] = year,
            ["total"] = total,
            ["fullTime"] = placements.Count(p => p.FullTime),
            ["partTime"] = placements.Count(p => !p.FullTime),
            ["byKind"] = new JsonObject(Kinds.Select(k => KeyValuePair.Create(k, (JsonNode?)placements.Count(p => p.Kind == k)))),
            ["byChannel"] = new JsonObject(Channels.Select(c => KeyValuePair.Create(c, (JsonNode?)placements.Count(p => p.Channel == c)))),
            ["viaSroi"] = placements.Count(p => p.Channel == "sroi"),
            ["distinctEmployers"] = placements.Where(p => p.EmployerKvk is not null).Select(p => p.EmployerKvk).Distinct().Count(),
            ["benefitEndedAfterPlacement"] = placements
                .Where(p => p.Candidate.BenefitEnd is { Reason: "work-income" } end && end.On >= p.Start).Select(p => p.Candidate).Distinct().Count(),
            ["ambition"] = ambition,
            ["ambitionMet"] = ambition is null ? null : total >= ambition,
            ["difference"] = ambition is null ? null : total - ambition,
        };
    }

    private static JsonObject ExpectedSroi(PublishedHistory history, int year, int? ambition)
    {
        var sroi = history.Counting.Where(p => p.Year == year && p.Channel == "sroi").ToList();
        long regional = sroi.Count(p => p.Contract!.Value.Scope == "regional");
        return new JsonObject
        {
            ["municipality"] = Municipality,
            ["year"] = year,
            ["count"] = sroi.Count,
            ["distinctEmployers"] = sroi.Where(p => p.EmployerKvk is not null).Select(p => p.EmployerKvk).Distinct().Count(),
            ["distinctContracts"] = sroi.Select(p => p.Contract!.Value.Id).Distinct().Count(),
            ["regional"] = regional,
            ["local"] = sroi.Count - regional,
            ["regionalShare"] = sroi.Count == 0 ? null : decimal.Round((decimal)regional / sroi.Count, 4, MidpointRounding.AwayFromZero),
            ["ambition"] = ambition,
            ["ambitionMet"] = ambition is null ? null : sroi.Count >= ambition,
            ["difference"] = ambition is null ? null : sroi.Count - ambition,
        };
    }

    private static JsonObject ExpectedFlow(PublishedHistory history, int year)
    {
        var changes = history.Candidates
            .SelectMany(c => c.Changes.Select((change, i) => (From: i == 0 ? c.Trede : c.Changes[i - 1].Trede, change.Trede, change.EffectiveOn)))
            .Where(c => c.EffectiveOn.Year == year).ToList();
        var ended = history.Candidates.Where(c => c.BenefitEnd?.On.Year == year).ToList();
        return new JsonObject
        {
            ["municipality"] = Municipality,
            ["year"] = year,
            ["changes"] = changes.Count,
            ["up"] = changes.Count(c => c.Trede > c.From),
            ["down"] = changes.Count(c => c.Trede < c.From),
            ["matrix"] = new JsonArray([.. changes.GroupBy(c => (c.From, c.Trede)).OrderBy(g => g.Key)
                .Select(g => new JsonObject { ["from"] = g.Key.From, ["to"] = g.Key.Trede, ["count"] = g.Count() })]),
            ["outOfBenefit"] = new JsonObject
            {
                ["total"] = ended.Count,
                ["workIncome"] = ended.Count(c => c.BenefitEnd!.Value.Reason == "work-income"),
                ["other"] = ended.Count(c => c.BenefitEnd!.Value.Reason == "other"),
                ["byTrede"] = new JsonArray([.. ended.GroupBy(c => c.TredeOn(c.BenefitEnd!.Value.On)).OrderBy(g => g.Key)
                    .Select(g => new JsonObject { ["trede"] = g.Key, ["count"] = g.Count() })]),
            },
        };
    }

    private static void ShouldEqual(JsonNode actual, JsonNode expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"the report\n{actual.ToJsonString()}\nshould be\n{expected.ToJsonString()}");

    private static long Long(JsonNode node, string field) => node[field]!.GetValue<long>();

    private static int Int(JsonNode node, string field) => node[field]!.GetValue<int>();

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
}
