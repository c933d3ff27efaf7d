using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Tests.Candidates;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// Every report as known on an instant (<c>?asKnownOn=</c>, recorded time) answers what the ledger would have answered then.
/// The published history (<see cref="PublishedHistory"/>) is recorded in the phases <see cref="PublishedFiguresTests"/> records
/// it in — candidates, the placements of 2022 and 2023, the late placements of 2018 and 2021, then the corrections, ends,
/// withdrawals and benefit ends — and each report is asked as known at the end of each phase, each answer checked against
/// the history as recorded by then. The business dates (year, asOf) stay what they are: only what was known of them moves.
/// </summary>
[Collection(ApiCollection.Name)]
public class ReportsAsKnownOnTests(LedgerApi api)
{
    /// <summary>Used by no other test, so its figures are this history's only.</summary>
    private const string Municipality = "GM9012";

    [Fact]
    public async Task Each_report_as_known_at_the_end_of_each_phase_counts_what_was_recorded_by_then()
    {
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        string[] regional = [await inkoop.ContractAsync("regional", ownPercentage: true), await inkoop.ContractAsync("regional", ownPercentage: true)];
        string[] local = [await inkoop.ContractAsync("local", ownPercentage: true)];
        var history = PublishedHistory.Build(regional, local);

        await SetAmbitionAsync(wsp, 2018, 340);
        var firstAmbition = await LastRecordedAsync();
        await SetAmbitionAsync(wsp, 2018, 350);

        await ForEachAsync(history.Candidates, async c =>
        {
            await PostAsync(wsp, "/api/v1/candidates", c.Registration(Municipality), HttpStatusCode.Created);
            foreach (var (trede, effectiveOn) in c.Changes)
                await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/trede-changes",
                    new JsonObject { ["trede"] = trede, ["effectiveOn"] = PlannedPlacement.Iso(effectiveOn), ["reason"] = "Herbeoordeling" });
        });
        var registered = await LastRecordedAsync();
        var placed = new List<string>();
        foreach (var late in new[] { false, true })
        {
            await ForEachAsync(history.Candidates, async c =>
            {
                foreach (var p in c.Placements.Where(p => p.Late == late))
                    p.Id = (await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/placements", p.Recorded, HttpStatusCode.Created))["id"]!.GetValue<string>();
            });
            placed.Add(await LastRecordedAsync());
        }
        var (onTime, allPlaced) = (placed[0], placed[1]);
        await ForEachAsync(history.Candidates, async c =>
        {
            foreach (var p in c.Placements)
            {
                var path = $"/api/v1/candidates/{c.Number}/placements/{p.Id}";
                if (p.Correction is not null) await PostAsync(wsp, $"{path}/correction", p.Correction);
                if (p.Withdrawn) await PostAsync(wsp, $"{path}/withdrawal", new JsonObject { ["reason"] = "Per vergissing vastgelegd" });
            }
            if (c.BenefitEnd is { } end)
                await PostAsync(wsp, $"/api/v1/candidates/{c.Number}/benefit-end",
                    new JsonObject { ["effectiveOn"] = PlannedPlacement.Iso(end.On), ["reason"] = end.Reason });
        });
        await SetAmbitionAsync(wsp, 2021, 400);

        async Task<JsonNode> Report(string path, string? asKnownOn) =>
            await (await auditor.GetAsync(asKnownOn is null ? path : $"{path}&asKnownOn={asKnownOn}")).ShouldBeAsync(HttpStatusCode.OK);

        // Placements: the late years were unknown before the late phase; the recorded values count until corrected or withdrawn.
        var recordedOnTime = history.Placements.Where(p => !p.Late).ToList();
        var recorded = history.Placements.ToList();
        foreach (var year in new[] { 2018, 2021, 2022, 2023 })
        {
            var path = $"/api/v1/reports/placements?year={year}";
            Total(await Report(path, registered)).Should().Be(0, $"no placement of {year} was recorded before the candidates were " +
                $"(as known on {registered}; placements recorded from then: {string.Join(", ", await EarliestPlacementsAsync(year))})");
            Total(await Report(path, onTime)).Should().Be(recordedOnTime.Count(p => RecordedYear(p) == year), $"{year} as known once 2022 and 2023 were placed");
            var beforeCorrections = await Report(path, allPlaced);
            Total(beforeCorrections).Should().Be(recorded.Count(p => RecordedYear(p) == year), $"{year} as first recorded");
            beforeCorrections.Long("viaSroi").Should().Be(recorded.Count(p => RecordedYear(p) == year && RecordedChannel(p) == "sroi"));
            beforeCorrections.Long("benefitEndedAfterPlacement").Should().Be(0, "no benefit end was recorded yet");
            Total(await Report(path, null)).Should().Be(history.Counting.Count(p => p.Year == year), $"{year} today");
        }
        // The recorded values really differ from today's: the corrections and withdrawals are what moved the figures.
        recorded.Count(p => RecordedYear(p) == 2021).Should().NotBe(history.Counting.Count(p => p.Year == 2021));
        var today2021 = await Report("/api/v1/reports/placements?year=2021", null);
        (Total(today2021), today2021.Long("benefitEndedAfterPlacement"), today2021.Long("ambition")).Should().Be((395, 277, 400));
        var known2021 = await Report("/api/v1/reports/placements?year=2021", allPlaced);
        known2021["ambition"].Should().BeNull("the ambition of 2021 was set after the corrections");
        // The ambition as it stood: 340 until it was set again.
        (await Report("/api/v1/reports/placements?year=2018", firstAmbition)).Long("ambition").Should().Be(340);
        (await Report("/api/v1/reports/placements?year=2018", allPlaced)).Long("ambition").Should().Be(350);
        // A range as known on a moment: its years are the single years as known then.
        var range = await Report("/api/v1/reports/placements?from=2018&to=2023", allPlaced);
        Total(range["total"]!).Should().Be(recorded.Count(p => RecordedYear(p) is >= 2018 and <= 2023));
        Total(range["years"]![0]!).Should().Be(recorded.Count(p => RecordedYear(p) == 2018));

        // SROI placements: the recorded channel counted until a correction moved it.
        foreach (var year in new[] { 2021, 2022 })
        {
            var path = $"/api/v1/reports/sroi-placements?year={year}";
            (await Report(path, allPlaced)).Long("count").Should().Be(recorded.Count(p => RecordedYear(p) == year && RecordedChannel(p) == "sroi"));
            (await Report(path, null)).Long("count").Should().Be(year == 2021 ? 76 : 63);
        }

        // Trede distribution on 2020-12-31 (business date), as known before the benefit ends were recorded: the six candidates
        // whose benefit ended on 2020-06-30 (trede 4) and the six whose ended on the day (trede 1) still counted.
        var distribution = "/api/v1/reports/trede-distribution?asOf=2020-12-31";
        var then = await Report(distribution, allPlaced);
        then.Long("total").Should().Be(1731 + 12);
        then["treden"]!.AsArray().Select(t => t!["count"]!.GetValue<long>()).Should().Equal(237 + 6, 891, 41, 315 + 6, 119, 128);
        (await Report(distribution, null)).Long("total").Should().Be(1731);
        (await Report(distribution, firstAmbition)).Long("total").Should().Be(0, "no candidate was recorded yet");

        // Trede flow of 2021: the re-assessments were recorded with the candidates; the benefit ends only in the last phase.
        var flow = "/api/v1/reports/trede-flow?year=2021";
        var flowThen = await Report(flow, registered);
        var flowToday = await Report(flow, null);
        flowThen.Long("changes").Should().Be(flowToday.Long("changes")).And.Be(history.Candidates.Sum(c => c.Changes.Count(ch => ch.EffectiveOn.Year == 2021)));
        flowThen["outOfBenefit"]!.Long("total").Should().Be(0);
        flowToday["outOfBenefit"]!.Long("total").Should().Be(history.Candidates.Count(c => c.BenefitEnd?.On.Year == 2021)).And.BePositive();
    }

    [Fact]
    public async Task A_report_names_a_bad_or_ambiguous_instant()
    {
        var auditor = await api.ClientAsync("auditor", Municipality);
        foreach (var path in new[]
        {
            "/api/v1/reports/placements?year=2021", "/api/v1/reports/sroi-placements?year=2021",
            "/api/v1/reports/trede-distribution?asOf=2020-12-31", "/api/v1/reports/trede-flow?year=2021",
        })
        {
            var bad = await (await auditor.GetAsync($"{path}&asKnownOn=2021-13-01")).ShouldBeAsync(HttpStatusCode.BadRequest);
            bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asKnownOn"], path);
            var both = await (await auditor.GetAsync($"{path}&asKnownOn=2021-01-01T00:00:00Z&knownOn=2022-01-01T00:00:00Z"))
                .ShouldBeAsync(HttpStatusCode.BadRequest);
            both["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asKnownOn", "knownOn"], path);
            // The alias answers as asKnownOn does.
            var alias = await (await auditor.GetAsync($"{path}&knownOn=2021-01-01T00:00:00Z")).ShouldBeAsync(HttpStatusCode.OK);
            var named = await (await auditor.GetAsync($"{path}&asKnownOn=2021-01-01T00:00:00Z")).ShouldBeAsync(HttpStatusCode.OK);
            alias.ToJsonString().Should().Be(named.ToJsonString(), path);
        }
    }

    private static int RecordedYear(PlannedPlacement p) => DateOnly.Parse(p.Recorded["startedOn"]!.GetValue<string>()).Year;

    private static string RecordedChannel(PlannedPlacement p) => p.Recorded["channel"]!.GetValue<string>();

    /// <summary>The instant of the municipality's last recorded event: asked as known on it, a report sees everything up to it.</summary>
    private async Task<string> LastRecordedAsync()
    {
        await using var command = api.DataSource.CreateCommand("SELECT max(timestamp) FROM mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Municipality });
        var instant = Instant.FromDateTimeUtc(DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc));
        return InstantPattern.ExtendedIso.Format(instant);
    }

    /// <summary>For a failure's message: the first recorded instants of the year's placements and of their events.</summary>
    private async Task<List<string>> EarliestPlacementsAsync(int year)
    {
        await using var command = api.DataSource.CreateCommand("""
            SELECT p.recorded_from::text || ' (event ' || e.version || ' at ' || e.timestamp::text || ')' FROM placements p
            JOIN mt_events e ON e.tenant_id = p.municipality AND e.stream_id = 'candidate-' || p.municipality || '-' || p.candidate_number
                 AND e.type = 'candidate.placement-recorded.v1' AND e.data->>'placementId' = p.id::text
            WHERE p.municipality = $1 AND p.counting_year = $2 ORDER BY p.recorded_from LIMIT 3
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Municipality });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = year });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static long Total(JsonNode report) => report.Long("total");

    private static async Task SetAmbitionAsync(HttpClient wsp, int year, int placements) =>
        await (await wsp.PutJsonAsync($"/api/v1/ambitions/{year}", new JsonObject { ["municipality"] = Municipality, ["placements"] = placements }))
            .ShouldBeAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(expected);

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> step) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) => await step(item));
}
