using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Regions;

/// <summary>
/// Issue 21's proof: a regional contract of Rijswijk (GM0603, the lead) with Den Haag (GM0518) and Delft (GM0503). Each
/// participant's WSP and auditor read it on every contract route and link a placement of its own candidate to it; the
/// lead's WSP reviews; Zoetermeer (GM0637, a member of Haaglanden that does not take part) and Leiden (GM0546, Holland
/// Rijnland) get 404 everywhere; the SROI placements report splits regional and local per municipality and the region's
/// report sums the members. Other tests of the collection use these municipalities too, so the figures are compared
/// before and after (the collection's tests run one at a time).
/// </summary>
[Collection(ApiCollection.Name)]
public class RegionalContractTests(LedgerApi api)
{
    private const string Rijswijk = "GM0603", DenHaag = "GM0518", Delft = "GM0503", Zoetermeer = "GM0637", Leiden = "GM0546";

    /// <summary>A year no other test places SROI placements in, so its figures are this test's alone (checked by the deltas too).</summary>
    private const int Year = 2019;

    private static JsonObject Regional(params string[] participants) =>
        // Above Rijswijk's 2019 threshold (250,000), so the obligation applies; running until after today, so that the lead's
        // WSP reports today under the building-block table in force.
        ContractBodies.Registration(400_000m, kvk: ContractBodies.UniqueKvk(), awardedOn: "2019-01-15")
            .With("startsOn", "2019-02-01").With("endsOn", Iso(Today.PlusYears(2))).With("scope", "regional")
            .With("participatingMunicipalities", new JsonArray([.. participants.Select(p => (JsonNode)JsonValue.Create(p)!)]));

    private async Task<JsonNode> RegisterAsync(JsonObject body) =>
        await (await (await api.ClientAsync("inkoop", Rijswijk)).PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created);

    [Fact]
    public async Task Participants_read_and_link_others_get_404_and_the_reports_split_and_sum()
    {
        var regionBefore = await (await api.Admin().GetAsync($"/api/v1/reports/regions/haaglanden/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.OK);
        var before = new Dictionary<string, JsonNode>();
        foreach (var m in new[] { Rijswijk, DenHaag, Delft })
            before[m] = await (await (await api.ClientAsync("wsp", m)).GetAsync($"/api/v1/reports/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.OK);

        var beforeWrites = NodaTime.SystemClock.Instance.GetCurrentInstant();
        var registered = await RegisterAsync(Regional(Rijswijk, DenHaag, Delft));
        var id = registered["id"]!.GetValue<string>();
        registered["scope"]!.GetValue<string>().Should().Be("regional");
        registered["municipality"]!.GetValue<string>().Should().Be(Rijswijk);
        // A local contract of Rijswijk for the local side of the split.
        var local = (await RegisterAsync(Regional().Without("participatingMunicipalities").With("scope", "local")))["id"]!.GetValue<string>();

        // The event records the participants and the region's version.
        var history = await (await (await api.ClientAsync("auditor", Rijswijk)).GetAsync($"/api/v1/contracts/{id}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var recorded = history["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "contract.participants-recorded.v1")!["data"]!;
        recorded["region"]!.GetValue<string>().Should().Be("haaglanden");
        recorded["regionVersion"]!.GetValue<string>().Should().Be("haaglanden.v1");
        recorded["participants"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Equal(Rijswijk, DenHaag, Delft);

        // The lead's WSP reports and reviews; the report waits on the participants' worklists meanwhile.
        var leadWsp = await api.ClientAsync("wsp", Rijswijk);
        var report = await (await leadWsp.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments", Training(1_250m).With("date", Iso(Today))))
            .ShouldBeAsync(HttpStatusCode.Created);
        var reportId = report["id"]!.GetValue<string>();

        foreach (var participant in new[] { DenHaag, Delft })
        {
            var wsp = await api.ClientAsync("wsp", participant);
            var auditor = await api.ClientAsync("auditor", participant);
            foreach (var reader in new[] { wsp, auditor })
            {
                var contract = await (await reader.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.OK);
                contract["reference"]!.GetValue<string>().Should().Be(registered["reference"]!.GetValue<string>());
                (await (await reader.GetAsync($"/api/v1/contracts/{id}/balance")).ShouldBeAsync(HttpStatusCode.OK))
                    .Decimal("obligation").Should().Be(registered.Decimal("obligation.amount"));
                (await (await reader.GetAsync($"/api/v1/contracts/{id}/history")).ShouldBeAsync(HttpStatusCode.OK))["events"]!.AsArray()
                    .Select(e => e!["type"]!.GetValue<string>()).Should().StartWith(new[] { "contract.registered.v1", "contract.participants-recorded.v1" });
                var list = await (await reader.GetAsync($"/api/v1/contracts?q={registered["reference"]!.GetValue<string>()}")).ShouldBeAsync(HttpStatusCode.OK);
                list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(id);
                // Rijswijk's local contract stays Rijswijk's.
                (await reader.GetAsync($"/api/v1/contracts/{local}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            }
            var worklist = await (await wsp.GetAsync("/api/v1/worklist?pageSize=100&kind=report-pending-review")).ShouldBeAsync(HttpStatusCode.OK);
            worklist["items"]!.AsArray().Where(i => i!["contractId"]!.GetValue<string>() == id)
                .Select(i => i!["fulfilmentId"]!.GetValue<string>()).Should().Equal(reportId);

            // Reviewing and settling are the lead's: in the participant's tenant the contract's stream is not there.
            await (await wsp.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments/{reportId}/acceptance", new JsonObject()))
                .ShouldBeAsync(HttpStatusCode.NotFound);
            await (await wsp.PostJsonAsync($"/api/v1/contracts/{id}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "Overmacht" }))
                .ShouldBeAsync(HttpStatusCode.NotFound);
            // A participant's procurement does not read it (issue 21 names the WSP and the auditor).
            await (await (await api.ClientAsync("inkoop", participant)).GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);

            // Its own candidate's SROI placement, linked to the regional contract.
            var number = await wsp.RegisterAsync(Registration(registeredOn: "2018-06-01", municipality: participant, benefitSince: "2018-01-01"));
            var placement = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements",
                Placement("2019-05-01", channel: "sroi", sroiContractId: id))).ShouldBeAsync(HttpStatusCode.Created);
            placement["sroiContract"]!["contractId"]!.GetValue<string>().Should().Be(id);
            placement["sroiContract"]!["scope"]!.GetValue<string>().Should().Be("regional");
        }
        await (await leadWsp.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments/{reportId}/acceptance", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.OK);

        // Rijswijk's own: two regional, one local.
        foreach (var contract in new[] { id, id, local })
        {
            var number = await leadWsp.RegisterAsync(Registration(registeredOn: "2018-06-01", benefitSince: "2018-01-01"));
            await leadWsp.PlaceAsync(number, Placement("2019-06-01", channel: "sroi", sroiContractId: contract));
        }

        // Zoetermeer (in the region, not a participant) and Leiden (another region): 404 on every route, absent from lists.
        foreach (var outsider in new[] { Zoetermeer, Leiden })
        {
            var wsp = await api.ClientAsync("wsp", outsider);
            var auditor = await api.ClientAsync("auditor", outsider);
            foreach (var reader in new[] { wsp, auditor })
            {
                foreach (var route in new[] { "", "/balance", "/history", "/settlement" })
                    await (await reader.GetAsync($"/api/v1/contracts/{id}{route}")).ShouldBeAsync(HttpStatusCode.NotFound);
                var list = await (await reader.GetAsync($"/api/v1/contracts?q={registered["reference"]!.GetValue<string>()}")).ShouldBeAsync(HttpStatusCode.OK);
                list["items"]!.AsArray().Should().BeEmpty();
            }
            var worklist = await (await wsp.GetAsync("/api/v1/worklist?pageSize=100")).ShouldBeAsync(HttpStatusCode.OK);
            worklist["items"]!.AsArray().Select(i => i!["contractId"]!.GetValue<string>()).Should().NotContain(id);
            var number = await wsp.RegisterAsync(Registration(registeredOn: "2018-06-01", municipality: outsider, benefitSince: "2018-01-01"));
            var refused = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements",
                Placement("2019-05-01", channel: "sroi", sroiContractId: id))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
            refused["code"]!.GetValue<string>().Should().Be("placement.sroi-contract-unknown");
        }

        // Per municipality: regional and local (Rijswijk 2 + 1, Den Haag 1 + 0, Delft 1 + 0), the split answered directly.
        var expected = new Dictionary<string, (long Regional, long Local)> { [Rijswijk] = (2, 1), [DenHaag] = (1, 0), [Delft] = (1, 0) };
        foreach (var (m, (regional, localCount)) in expected)
        {
            var now = await (await (await api.ClientAsync("wsp", m)).GetAsync($"/api/v1/reports/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.OK);
            (now.Long("regional") - before[m].Long("regional")).Should().Be(regional, m);
            (now.Long("local") - before[m].Long("local")).Should().Be(localCount, m);
        }
        var rijswijk = await (await leadWsp.GetAsync($"/api/v1/reports/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.OK);
        rijswijk.Long("count").Should().Be(3);
        rijswijk.Decimal("regionalShare").Should().Be(0.6667m);

        // The region sums its members, each line being that member's own report.
        var region = await (await api.Admin().GetAsync($"/api/v1/reports/regions/haaglanden/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.OK);
        region["region"]!.GetValue<string>().Should().Be("haaglanden");
        region["regionVersion"]!.GetValue<string>().Should().Be("haaglanden.v1");
        (region.Long("regional") - regionBefore.Long("regional")).Should().Be(4);
        (region.Long("local") - regionBefore.Long("local")).Should().Be(1);
        var members = region["members"]!.AsArray();
        members.Select(m => m!["municipality"]!.GetValue<string>()).Should().Equal(
            "GM0518", "GM0503", "GM1916", "GM1842", "GM1926", "GM0603", "GM0629", "GM1783", "GM0637");
        region.Long("count").Should().Be(members.Sum(m => m!.Long("count")));
        region.Long("regional").Should().Be(members.Sum(m => m!.Long("regional")));
        members.Single(m => m!["municipality"]!.GetValue<string>() == Rijswijk)!.Long("count").Should().Be(rijswijk.Long("count"));
        // Read as known before the placements: the figures of then.
        var then = await (await api.Admin().GetAsync(
            $"/api/v1/reports/regions/haaglanden/sroi-placements?year={Year}&asKnownOn={Uri.EscapeDataString(NodaTime.Text.InstantPattern.ExtendedIso.Format(beforeWrites))}"))
            .ShouldBeAsync(HttpStatusCode.OK);
        then.Long("regional").Should().Be(regionBefore.Long("regional"));

        // Admin only: a WSP is refused.
        await (await leadWsp.GetAsync($"/api/v1/reports/regions/haaglanden/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().GetAsync($"/api/v1/reports/regions/nowhere/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Participants_are_checked_400_per_field_and_422_outside_one_region()
    {
        var inkoop = await api.ClientAsync("inkoop", Rijswijk);
        async Task BadAsync(JsonObject body, string mentions)
        {
            var problem = await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.BadRequest);
            problem["errors"]!["participatingMunicipalities"]![0]!.GetValue<string>().Should().Contain(mentions);
        }
        await BadAsync(Regional(Rijswijk, "GM06O3"), "[1] is not a CBS municipality code");
        await BadAsync(Regional(Rijswijk, "GM9999"), "[1] GM9999 is not a municipality");
        await BadAsync(Regional(Rijswijk, DenHaag, DenHaag), "[2] GM0518 is named twice");
        await BadAsync(Regional(DenHaag, Delft), "The registering municipality GM0603 (the lead) is not among them");
        await BadAsync(Regional(Rijswijk, DenHaag).With("scope", "local"), "Only a regional contract");

        var rule = await (await inkoop.PostJsonAsync("/api/v1/contracts", Regional(Rijswijk, DenHaag, Leiden))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        rule["code"]!.GetValue<string>().Should().Be("contract.participants-not-one-region");

        // Only the lead, or the field left out: a contract of the lead alone, no participants recorded.
        foreach (var body in new[] { Regional(Rijswijk), Regional().Without("participatingMunicipalities"), Regional(Rijswijk).With("scope", "local") })
        {
            var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
            var history = await (await (await api.ClientAsync("auditor", Rijswijk)).GetAsync($"/api/v1/contracts/{id}/history")).ShouldBeAsync(HttpStatusCode.OK);
            history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Equal("contract.registered.v1");
            await (await (await api.ClientAsync("wsp", DenHaag)).GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_regions_are_listed_with_their_members()
    {
        var wsp = await api.ClientAsync("wsp", Zoetermeer);
        var regions = await (await wsp.GetAsync("/api/v1/regions")).ShouldBeAsync(HttpStatusCode.OK);
        regions.AsArray().Select(r => r!["code"]!.GetValue<string>()).Should().Equal("haaglanden", "holland-rijnland");
        var haaglanden = await (await wsp.GetAsync("/api/v1/regions/haaglanden")).ShouldBeAsync(HttpStatusCode.OK);
        haaglanden["name"]!.GetValue<string>().Should().Be("Arbeidsmarktregio Haaglanden");
        haaglanden["version"]!.GetValue<string>().Should().Be("haaglanden.v1");
        haaglanden["effectiveFrom"]!.GetValue<string>().Should().Be("2019-01-01");
        haaglanden["members"]!.AsArray().Select(m => $"{m!["code"]!.GetValue<string>()} {m["name"]!.GetValue<string>()}").Should().Equal(
            "GM0518 Den Haag", "GM0503 Delft", "GM1916 Leidschendam-Voorburg", "GM1842 Midden-Delfland", "GM1926 Pijnacker-Nootdorp",
            "GM0603 Rijswijk", "GM0629 Wassenaar", "GM1783 Westland", "GM0637 Zoetermeer");
        var rijnland = await (await wsp.GetAsync("/api/v1/regions/holland-rijnland")).ShouldBeAsync(HttpStatusCode.OK);
        rijnland["members"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).Should().Equal(
            "Alphen aan den Rijn", "Hillegom", "Kaag en Braassem", "Katwijk", "Leiden", "Leiderdorp", "Lisse", "Nieuwkoop", "Noordwijk",
            "Oegstgeest", "Teylingen", "Voorschoten", "Zoeterwoude");
        await (await wsp.GetAsync("/api/v1/regions/rotterdam")).ShouldBeAsync(HttpStatusCode.NotFound);
    }
}
