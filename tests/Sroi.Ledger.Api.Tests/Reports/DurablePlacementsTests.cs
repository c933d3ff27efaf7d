using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Tests.Exports;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// The acceptance test of duurzame plaatsing (docs/domain.md): Leiden/Holland Rijnland's result "100 werkzoekenden duurzaam
/// (6 maanden) aan het werk" (beleidsplan 2019–2023) and Rijswijk's "volledige uitstroom uit de Participatiewetuitkering na
/// plaatsing" (kadernota Werk 2021), recorded through the HTTP API in phases — placements, then ends, corrections,
/// withdrawals and benefit ends, then ends corrected — and asked for the first half of 2021 as known after each phase.
/// </summary>
[Collection(ApiCollection.Name)]
public class DurablePlacementsTests(LedgerApi api)
{
    /// <summary>Used by no other test, so its figures are this history's only.</summary>
    private const string Municipality = "GM9235";

    private const string Report = "/api/v1/reports/durable-placements?half=2021-H1";

    /// <summary>One candidate's placement in the first half of 2021 and what happens to it.</summary>
    private sealed record Plan(string Number, LocalDate Start, LocalDate? End, LocalDate? CorrectedEnd, LocalDate? NextStart,
        LocalDate? WorkIncomeOn, LocalDate? OtherEndOn, bool Withdrawn = false, LocalDate? CorrectedStart = null)
    {
        public string? PlacementId { get; set; }

        /// <summary>Worked every day of the months from the start, as finally recorded (a next placement goes on without end).</summary>
        public bool Retained(int months)
        {
            var lastDay = Start.PlusMonths(months).PlusDays(-1);
            var end = CorrectedEnd ?? End;
            if (end is null) return true;
            if (NextStart is { } next && next <= end.Value.PlusDays(1)) return true;
            return end >= lastDay;
        }
    }

    private static List<Plan> History()
    {
        var plans = new List<Plan>();
        string Number(int i) => $"D{i:D4}";
        var spread = new LocalDate(2021, 1, 4);
        for (var i = 0; i < 120; i++)
        {
            var start = spread.PlusDays(i * 7 % 170);
            plans.Add(i switch
            {
                // Still working: no end; 40 of them left the benefit for work a month after the start.
                < 75 => new Plan(Number(i), start, null, null, null, i < 40 ? start.PlusMonths(1) : null, null),
                // An end recorded a month after the start, corrected to ten months: retained at 6, lost at 12.
                < 80 => new Plan(Number(i), start, start.PlusMonths(1).PlusDays(-1), start.PlusMonths(10).PlusDays(-1), null, null, null),
                // Consecutive: the first job ends on 31 July, the next starts on 1 August (and counts in the second half).
                < 90 => new Plan(Number(i), new LocalDate(2021, 6, 1).PlusDays(i - 80), new LocalDate(2021, 7, 31), null, new LocalDate(2021, 8, 1), null, null),
                // Ended after eight months: retained at 6, lost at 12; two left the benefit for work after the six months.
                < 100 => new Plan(Number(i), start, start.PlusMonths(8), null, null, i < 92 ? start.PlusMonths(7) : null, null),
                // Ended after two months; five left the benefit for another reason (no outflow after placement).
                < 110 => new Plan(Number(i), start, start.PlusMonths(2), null, null, null, i < 105 ? start.PlusMonths(1) : null),
                // Exactly three months, then a break of five days before the next job: retained at 3, lost at 6.
                _ => new Plan(Number(i), new LocalDate(2021, 4, 1).PlusDays(i - 110), new LocalDate(2021, 4, 1).PlusDays(i - 110).PlusMonths(3).PlusDays(-1),
                    null, new LocalDate(2021, 4, 1).PlusDays(i - 110).PlusMonths(3).PlusDays(5), null, null),
            });
        }
        // Counted until withdrawn, and until a correction moved the start into July.
        plans.Add(new Plan(Number(120), new LocalDate(2021, 2, 1), null, null, null, null, null, Withdrawn: true));
        plans.Add(new Plan(Number(121), new LocalDate(2021, 3, 1), null, null, null, null, null, Withdrawn: true));
        plans.Add(new Plan(Number(122), new LocalDate(2021, 6, 20), null, null, null, null, null, CorrectedStart: new LocalDate(2021, 7, 5)));
        plans.Add(new Plan(Number(123), new LocalDate(2021, 6, 21), null, null, null, null, null, CorrectedStart: new LocalDate(2021, 7, 5)));
        return plans;
    }

    [Fact]
    public async Task Durable_placements_of_a_half_year_as_known_after_each_phase()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        var plans = History();

        await ForEachAsync(plans, async p =>
        {
            await PostAsync(wsp, "/api/v1/candidates", new JsonObject
            {
                ["candidateNumber"] = p.Number, ["municipality"] = Municipality, ["registeredOn"] = "2020-06-01", ["trede"] = 3,
                ["targetGroup"] = "participatiewet", ["benefitSince"] = "2019-01-01",
            }, HttpStatusCode.Created);
            p.PlacementId = (await PostAsync(wsp, $"/api/v1/candidates/{p.Number}/placements", Placement(p.Start), HttpStatusCode.Created))["id"]!.GetValue<string>();
            if (p.NextStart is { } next) await PostAsync(wsp, $"/api/v1/candidates/{p.Number}/placements", Placement(next), HttpStatusCode.Created);
        });
        var placed = await LastRecordedAsync();

        await ForEachAsync(plans, async p =>
        {
            var path = $"/api/v1/candidates/{p.Number}/placements/{p.PlacementId}";
            if (p.End is { } end) await PostAsync(wsp, $"{path}/end", new JsonObject { ["endedOn"] = Iso(end), ["reason"] = "Contract afgelopen" });
            if (p.Withdrawn) await PostAsync(wsp, $"{path}/withdrawal", new JsonObject { ["reason"] = "Per vergissing vastgelegd" });
            if (p.CorrectedStart is { } moved) await PostAsync(wsp, $"{path}/correction", new JsonObject { ["startedOn"] = Iso(moved), ["reason"] = "Verkeerde datum" });
            if ((p.WorkIncomeOn ?? p.OtherEndOn) is { } on)
                await PostAsync(wsp, $"/api/v1/candidates/{p.Number}/benefit-end",
                    new JsonObject { ["effectiveOn"] = Iso(on), ["reason"] = p.WorkIncomeOn is null ? "other" : "work-income" });
        });
        var ended = await LastRecordedAsync();

        await ForEachAsync(plans.Where(p => p.CorrectedEnd is not null), async p =>
        {
            var corrected = await PostAsync(wsp, $"/api/v1/candidates/{p.Number}/placements/{p.PlacementId}/end-correction",
                new JsonObject { ["endedOn"] = Iso(p.CorrectedEnd!.Value), ["reason"] = "Contract verlengd" });
            corrected["endedOn"]!.GetValue<string>().Should().Be(Iso(p.CorrectedEnd.Value));
        });

        // Today: the published result, 100 still working after six months, and the outflow after placement.
        var today = await GetAsync(auditor, Report);
        (today.Long("counted"), today.Long("notYetMeasurable"), today.Long("measured")).Should().Be((120, 0, 120));
        (today.Long("stillWorking"), today.Decimal("stillWorkingShare")).Should().Be((100, 83.3m));
        (today.Long("fullOutflow"), today.Decimal("fullOutflowShare")).Should().Be((40, 33.3m));
        (Int(today, "months"), today["period"]!["from"]!.GetValue<string>(), today["period"]!["to"]!.GetValue<string>())
            .Should().Be((6, "2021-01-01", "2021-06-30"));
        today["definition"]!["rule"]!.GetValue<string>().Should().Be("durable-placement.v1");
        today["curve"]!.AsArray().Select(p => p!).Select(p => (Int(p, "months"), p.Long("measured"), p.Long("stillWorking"), p.Decimal("share")))
            .Should().Equal((3, 120, 110, 91.7m), (6, 120, 100, 83.3m), (12, 120, 85, 70.8m));
        var counted = plans.Where(p => !p.Withdrawn && p.CorrectedStart is null).ToList();
        foreach (var months in new[] { 3, 6, 12 })
            today["curve"]!.AsArray().Single(p => Int(p!, "months") == months)!.Long("stillWorking").Should().Be(counted.Count(p => p.Retained(months)));

        // Twelve months asked: the same as the curve's twelve.
        var year = await GetAsync(auditor, $"{Report}&months=12");
        (year.Long("stillWorking"), year.Decimal("stillWorkingShare"), year.Long("fullOutflow")).Should().Be((85, 70.8m, 42));

        // As known before the ends corrected: the five mistaken ends count as lost.
        var beforeCorrections = await GetAsync(auditor, $"{Report}&asKnownOn={ended}");
        (beforeCorrections.Long("counted"), beforeCorrections.Long("stillWorking"), beforeCorrections.Long("fullOutflow")).Should().Be((120, 95, 40));
        // As known once only the placements were recorded: the withdrawn and the moved ones still counted, nothing ended yet.
        var beforeEnds = await GetAsync(auditor, $"{Report}&asKnownOn={placed}");
        (beforeEnds.Long("counted"), beforeEnds.Long("stillWorking"), beforeEnds.Long("fullOutflow")).Should().Be((124, 124, 0));

        // Measured on 30 September 2021: a placement whose six months are not over is neither retained nor lost.
        var early = await GetAsync(auditor, $"{Report}&asOf=2021-09-30");
        var over = counted.Where(p => p.Start.PlusMonths(6).PlusDays(-1) <= new LocalDate(2021, 9, 30)).ToList();
        (early.Long("counted"), early.Long("notYetMeasurable"), early.Long("measured"), early.Long("stillWorking"))
            .Should().Be((120, 120 - over.Count, over.Count, over.Count(p => p.Retained(6))));
        early.Long("notYetMeasurable").Should().BeGreaterThan(0);

        // The same as CSV: the asked horizon, then the curve.
        var csv = await CsvFile.GetAsync(auditor, Report);
        csv.Header.Should().Equal("gemeente", "van", "tot_en_met", "peildatum", "cijfer", "maanden", "geplaatst", "nog_niet_meetbaar", "gemeten",
            "nog_aan_het_werk", "aandeel_aan_het_werk", "volledige_uitstroom", "aandeel_volledige_uitstroom", "regel");
        csv.Rows.Select(r => (r["cijfer"], r["maanden"], r["nog_aan_het_werk"], r["aandeel_aan_het_werk"], r["volledige_uitstroom"]))
            .Should().Equal(("duurzaam", "6", "100", "83.3", "40"), ("curve", "3", "110", "91.7", ""), ("curve", "6", "100", "83.3", ""),
                ("curve", "12", "85", "70.8", ""));

        // The placements report of the same half-year, and of the third quarter (the next jobs and the moved starts).
        var half = await GetAsync(auditor, "/api/v1/reports/placements?half=2021-H1");
        (half.Long("total"), half["year"], half["period"]!["to"]!.GetValue<string>()).Should().Be((120, null, "2021-06-30"));
        var q3 = await GetAsync(auditor, "/api/v1/reports/placements?quarter=2021-Q3");
        (q3.Long("total"), q3["period"]!["from"]!.GetValue<string>()).Should().Be((10 + 10 + 2, "2021-07-01"));
    }

    private static JsonObject Placement(LocalDate start) => new()
    {
        ["employer"] = new JsonObject { ["kvkNumber"] = "87654321", ["name"] = "Groen B.V." },
        ["startedOn"] = Iso(start), ["hoursPerWeek"] = 32, ["kind"] = "regular", ["channel"] = "wsp",
    };

    private static int Int(JsonNode node, string field) => node[field]!.GetValue<int>();

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The instant of the municipality's last recorded event: asked as known on it, a report sees everything up to it.</summary>
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

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> step) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await step(item));
}
