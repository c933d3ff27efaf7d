using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

[Collection(ApiCollection.Name)]
public class RecordingCandidatesTests(LedgerApi api)
{
    [Fact]
    public async Task A_candidate_is_registered_changes_trede_is_placed_and_leaves_the_benefit()
    {
        var wsp = await api.ClientAsync("wsp");
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await inkoop.ContractAsync("regional");
        var body = Registration();
        var number = body["candidateNumber"]!.GetValue<string>();

        var registered = await wsp.PostJsonAsync("/api/v1/candidates", body);
        var candidate = await registered.ShouldBeAsync(HttpStatusCode.Created);
        registered.Headers.Location!.ToString().Should().Be($"/api/v1/candidates/{number}");
        registered.Headers.ETag!.Tag.Should().Be("\"1\"");
        candidate["trede"]!.GetValue<int>().Should().Be(2);

        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var placed = await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements", Placement(channel: "sroi", sroiContractId: contract, hours: 32));
        var placement = await placed.ShouldBeAsync(HttpStatusCode.Created);
        var id = placement["id"]!.GetValue<string>();
        placed.Headers.Location!.ToString().Should().Be($"/api/v1/candidates/{number}/placements/{id}");
        placement["fullTime"]!.GetValue<bool>().Should().BeFalse();
        placement["countsInYear"]!.GetValue<int>().Should().Be(2021);
        placement["sroiContract"]!["scope"]!.GetValue<string>().Should().Be("regional");

        var corrected = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{id}/correction",
            new JsonObject { ["startedOn"] = "2022-01-10", ["hoursPerWeek"] = 38, ["reason"] = "Startdatum verkeerd ingevoerd" })).ShouldBeAsync(HttpStatusCode.OK);
        corrected["countsInYear"]!.GetValue<int>().Should().Be(2022);
        corrected["fullTime"]!.GetValue<bool>().Should().BeTrue();
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{id}/end",
            new JsonObject { ["endedOn"] = "2022-12-31", ["reason"] = "Contract afgelopen" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2022-02-01"))).ShouldBeAsync(HttpStatusCode.OK);

        var read = await wsp.GetAsync($"/api/v1/candidates/{number}");
        var final = await read.ShouldBeAsync(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.Should().Be("\"6\"");
        final["treden"]!.AsArray().Select(t => t!["trede"]!.GetValue<int>()).Should().Equal(2, 4);
        final["benefitEnded"]!["reason"]!.GetValue<string>().Should().Be("work-income");
        final["placements"]![0]!["endedOn"]!.GetValue<string>().Should().Be("2022-12-31");
        (await (await wsp.GetAsync($"/api/v1/candidates/{number}/placements/{id}")).ShouldBeAsync(HttpStatusCode.OK))["startedOn"]!
            .GetValue<string>().Should().Be("2022-01-10");
    }

    [Fact]
    public async Task A_self_employed_placement_counts_but_records_no_employer()
    {
        var wsp = await api.ClientAsync("wsp", "GM0598");
        var number = await wsp.RegisterAsync(Registration(municipality: "GM0598"));
        await wsp.PlaceAsync(number, Placement(startedOn: "2021-05-05").Without("employer").With("kind", "self-employed"));
        await wsp.PlaceAsync(number, Placement(startedOn: "2021-09-01"));

        var placements = (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK))["placements"]!.AsArray();
        placements[0]!["employer"].Should().BeNull();
        var report = await (await wsp.GetAsync("/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.OK);
        report["total"]!.GetValue<long>().Should().Be(2);
        report["byKind"]!["self-employed"]!.GetValue<long>().Should().Be(1);
        report["distinctEmployers"]!.GetValue<long>().Should().Be(1);
        await using var stored = api.DataSource.CreateCommand(
            "SELECT count(*) FROM mt_events WHERE stream_id = 'candidate-GM0598-' || $1 AND type = 'candidate.placement-recorded.v1' AND data->'employer' = 'null'::jsonb");
        stored.Parameters.Add(new Npgsql.NpgsqlParameter { Value = number });
        ((long)(await stored.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task A_withdrawn_placement_counts_nowhere_and_can_no_longer_change()
    {
        var wsp = await api.ClientAsync("wsp", "GM0599");
        var number = await wsp.RegisterAsync(Registration(municipality: "GM0599"));
        var id = await wsp.PlaceAsync(number, Placement(startedOn: "2021-05-05"));

        var withdrawn = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{id}/withdrawal",
            new JsonObject { ["reason"] = "Dubbel ingevoerd" })).ShouldBeAsync(HttpStatusCode.OK);
        withdrawn["countsInYear"].Should().BeNull();
        var again = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{id}/end",
            new JsonObject { ["endedOn"] = "2021-06-01", ["reason"] = "x" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        again["code"]!.GetValue<string>().Should().Be("placement.already-withdrawn");

        var report = await (await wsp.GetAsync("/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.OK);
        report["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task Registering_a_number_twice_is_a_422_also_when_both_arrive_at_once()
    {
        var wsp = await api.ClientAsync("wsp");
        var body = Registration();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => wsp.PostJsonAsync("/api/v1/candidates", body)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            (await refused.ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("candidate.already-registered");
        // The same number in another municipality is another candidate.
        var elsewhere = await api.ClientAsync("wsp", "GM0518");
        await (await elsewhere.PostJsonAsync("/api/v1/candidates", body.With("municipality", "GM0518"))).ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_records_a_placement_once()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var key = Guid.NewGuid().ToString();

        var first = await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements", Placement(), r => r.Headers.Add("Idempotency-Key", key));
        var second = await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements", Placement(), r => r.Headers.Add("Idempotency-Key", key));

        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        var candidate = await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK);
        candidate["placements"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_and_writes_nothing()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        await wsp.PlaceAsync(number);

        var stale = await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(3, "2021-01-01"),
            r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        (await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK))["trede"]!.GetValue<int>().Should().Be(2);
    }
    [Fact]
    public async Task A_stale_If_Match_is_a_412_before_any_rule_and_an_unknown_candidate_stays_a_404()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        await wsp.PlaceAsync(number);
        void Stale(HttpRequestMessage r) => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        // Trede 2 is the trede in force: the change breaks candidate.trede-unchanged, but the stale version answers first.
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(2, "2021-01-01"), Stale))
            .ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{UniqueNumber()}/trede-changes", TredeChange(3, "2021-01-01"), Stale))
            .ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Placements_recorded_at_the_same_time_for_one_candidate_all_land()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements", Placement(startedOn: $"2021-0{i + 1}-01"))));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created);
        var candidate = await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK);
        candidate["placements"]!.AsArray().Should().HaveCount(6);
        candidate["version"]!.GetValue<long>().Should().Be(7);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_candidates_placements_ambitions_and_reports()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);

        document["paths"]!.AsObject().Select(p => p.Key).Should().Contain([
            "/candidates", "/candidates/{candidateNumber}", "/candidates/{candidateNumber}/trede-changes",
            "/candidates/{candidateNumber}/benefit-end", "/candidates/{candidateNumber}/placements",
            "/candidates/{candidateNumber}/placements/{placementId}", "/candidates/{candidateNumber}/placements/{placementId}/end",
            "/candidates/{candidateNumber}/placements/{placementId}/correction", "/candidates/{candidateNumber}/placements/{placementId}/withdrawal",
            "/ambitions/{year}", "/reports/placements", "/reports/sroi-placements", "/reports/trede-distribution", "/reports/trede-flow"]);
    }
}
