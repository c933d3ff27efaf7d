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

        // Today's obligations of the lead, of a participant and of all (an admin): the regional contract's obligation is one.
        var obligationsBefore = new Dictionary<string, JsonNode>();
        foreach (var m in new[] { Rijswijk, DenHaag })
            obligationsBefore[m] = await (await (await api.ClientAsync("wsp", m)).GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        var allBefore = await (await api.Admin().GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);

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
        // On the lead's worklist: the report to review and the contract's standing (behind: a 2019 term with little accepted),
        // both the lead's own to act on.
        var leadReviews = await WorklistAsync(leadWsp, "report-pending-review", id);
        leadReviews.Select(i => (i["fulfilmentId"]!.GetValue<string>(), i["takingPart"]!.GetValue<bool>())).Should().Equal((reportId, false));
        (await WorklistAsync(leadWsp, "behind", id)).Select(i => i["takingPart"]!.GetValue<bool>()).Should().Equal(false);

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
            // The participant's worklist follows the contract's standing, marked as the lead's to act on; the lead's review
            // is not on it (the participant cannot act on it: its review is a 404 below).
            var standing = (await WorklistAsync(wsp, "behind", id)).Should().ContainSingle().Subject;
            standing["takingPart"]!.GetValue<bool>().Should().BeTrue();
            standing["municipality"]!.GetValue<string>().Should().Be(Rijswijk);
            (await WorklistAsync(wsp, "report-pending-review", id)).Should().BeEmpty();
            (await WorklistAsync(wsp, null, id)).Select(i => i["kind"]!.GetValue<string>()).Should().Equal("behind");
            // The contract's reports and plan are read as the contract is.
            (await (await wsp.GetAsync($"/api/v1/contracts/{id}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
                .Select(i => i!["id"]!.GetValue<string>()).Should().Equal(reportId);
            await (await wsp.GetAsync($"/api/v1/contracts/{id}/fulfilments/{reportId}")).ShouldBeAsync(HttpStatusCode.OK);
            await (await wsp.GetAsync($"/api/v1/contracts/{id}/plan")).ShouldBeAsync(HttpStatusCode.OK);

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
                foreach (var route in new[] { "", "/balance", "/history", "/settlement", "/fulfilments", $"/fulfilments/{reportId}", "/plan" })
                    await (await reader.GetAsync($"/api/v1/contracts/{id}{route}")).ShouldBeAsync(HttpStatusCode.NotFound);
                var list = await (await reader.GetAsync($"/api/v1/contracts?q={registered["reference"]!.GetValue<string>()}")).ShouldBeAsync(HttpStatusCode.OK);
                list["items"]!.AsArray().Should().BeEmpty();
            }
            (await WorklistAsync(wsp, null, id)).Should().BeEmpty();
            (await WorklistAsync(wsp, "report-pending-review", id)).Should().BeEmpty();
            // Every write route of the contract: the same 404 (the contract is not in this municipality's ledger).
            var writes = new (string Role, string Path, JsonObject Body)[]
            {
                ("wsp", "/fulfilments", Training(900m).With("date", Iso(Today))),
                ("wsp", $"/fulfilments/{reportId}/correction", Training(900m).With("date", Iso(Today))),
                ("wsp", $"/fulfilments/{reportId}/withdrawal", new JsonObject { ["reason"] = "Dubbel gemeld" }),
                ("wsp", $"/fulfilments/{reportId}/acceptance", new JsonObject()),
                ("wsp", $"/fulfilments/{reportId}/rejection", new JsonObject { ["reason"] = "Geen bewijs" }),
                ("wsp", "/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "Overmacht" }),
                ("wsp", "/plan/approval", new JsonObject()),
                ("wsp", "/plan/return", new JsonObject { ["reason"] = "Onvolledig" }),
                ("inkoop", "/amendments", new JsonObject { ["contractValue"] = 500_000m, ["effectiveOn"] = Iso(Today), ["reason"] = "Meerwerk" }),
                ("inkoop", "/completion", new JsonObject { ["completedOn"] = Iso(Today) }),
            };
            foreach (var (role, path, body) in writes)
                (await (await api.ClientAsync(role, outsider)).PostJsonAsync($"/api/v1/contracts/{id}{path}", body)).StatusCode
                    .Should().Be(HttpStatusCode.NotFound, $"{role} of {outsider} POST {path}");
            var inkoop = await api.ClientAsync("inkoop", outsider);
            await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await inkoop.PutJsonAsync($"/api/v1/contracts/{id}/plan", new JsonObject
            {
                ["lines"] = new JsonArray(new JsonObject { ["kind"] = "training", ["from"] = "2026-01-01", ["to"] = "2026-12-31", ["amount"] = 1000 }),
            })).ShouldBeAsync(HttpStatusCode.NotFound);
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

        // Both reports also as CSV, value for value: Rijswijk's one row, and the region's row per member plus its total row.
        var rijswijkCsv = await CsvAsync(leadWsp, $"/api/v1/reports/sroi-placements?year={Year}");
        rijswijkCsv[0].Should().Be("gemeente;jaar;aantal;verschillende_werkgevers;verschillende_contracten;regionaal;lokaal;regionaal_aandeel;ambitie;ambitie_gehaald;verschil");
        rijswijkCsv[1].Should().StartWith($"{Rijswijk};{Year};3;").And.Contain($";{rijswijk.Long("regional")};{rijswijk.Long("local")};0.6667;");
        var regionCsv = await CsvAsync(api.Admin(), $"/api/v1/reports/regions/haaglanden/sroi-placements?year={Year}");
        regionCsv[0].Should().Be("regio;regio_versie;van;tot_en_met;jaar;gemeente;naam;aantal;regionaal;lokaal;regionaal_aandeel");
        regionCsv.Skip(1).Should().Equal([
            .. members.Select(m => $"haaglanden;haaglanden.v1;;;{Year};{m!["municipality"]!.GetValue<string>()};{m["name"]!.GetValue<string>()};" +
                $"{m.Long("count")};{m.Long("regional")};{m.Long("local")};{Share(m)}"),
            $"haaglanden;haaglanden.v1;;;{Year};;{region["name"]!.GetValue<string>()};{region.Long("count")};{region.Long("regional")};{region.Long("local")};{Share(region)}",
        ]);

        // The obligations: the lead counts its regional contract (and its local one) in its figures; the participant lists it,
        // marked as taking part and led by Rijswijk, outside its sums; an admin's report of all counts it once.
        var regionalObligation = registered.Decimal("obligation.amount");
        var localObligation = (await (await (await api.ClientAsync("wsp", Rijswijk)).GetAsync($"/api/v1/contracts/{local}")).ShouldBeAsync(HttpStatusCode.OK))
            .Decimal("obligation.amount");
        var leadNow = await (await leadWsp.GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        (leadNow.Long("total.contracts") - obligationsBefore[Rijswijk].Long("total.contracts")).Should().Be(2);
        (leadNow.Decimal("total.obligation") - obligationsBefore[Rijswijk].Decimal("total.obligation")).Should().Be(regionalObligation + localObligation);
        leadNow["takingPart"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().NotContain(id);
        var participantNow = await (await (await api.ClientAsync("auditor", DenHaag)).GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        participantNow.Long("total.contracts").Should().Be(obligationsBefore[DenHaag].Long("total.contracts"));
        participantNow.Decimal("total.obligation").Should().Be(obligationsBefore[DenHaag].Decimal("total.obligation"));
        var takenPart = participantNow["takingPart"]!.AsArray().Should().ContainSingle(c => c!["id"]!.GetValue<string>() == id).Subject!;
        takenPart["municipality"]!.GetValue<string>().Should().Be(Rijswijk);
        takenPart["status"]!.GetValue<string>().Should().Be("behind");
        takenPart.Decimal("obligation").Should().Be(regionalObligation);
        takenPart.Decimal("accepted").Should().Be(1_250m);
        var allNow = await (await api.Admin().GetAsync("/api/v1/reports/sroi-obligations")).ShouldBeAsync(HttpStatusCode.OK);
        (allNow.Long("total.contracts") - allBefore.Long("total.contracts")).Should().Be(2);
        (allNow.Decimal("total.obligation") - allBefore.Decimal("total.obligation")).Should().Be(regionalObligation + localObligation);
        allNow["takingPart"]!.AsArray().Should().BeEmpty();

        // An admin or the region's coordinator (RegionalCoordinatorTests): a WSP is refused.
        await (await leadWsp.GetAsync($"/api/v1/reports/regions/haaglanden/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().GetAsync($"/api/v1/reports/regions/nowhere/sroi-placements?year={Year}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    /// <summary>The items of <paramref name="contract"/> on the caller's worklist (of one kind, or the unfiltered list), every page read.</summary>
    private static async Task<List<JsonNode>> WorklistAsync(HttpClient client, string? kind, string contract)
    {
        var found = new List<JsonNode>();
        for (var page = 1; ; page++)
        {
            var list = await (await client.GetAsync($"/api/v1/worklist?pageSize=100&page={page}" + (kind is null ? "" : $"&kind={kind}")))
                .ShouldBeAsync(HttpStatusCode.OK);
            var items = list["items"]!.AsArray();
            found.AddRange(items.Where(i => i!["contractId"]!.GetValue<string>() == contract).Select(i => i!));
            if (items.Count < 100) return found;
        }
    }

    /// <summary>A report as CSV: its lines without the byte order mark and line ends.</summary>
    private static async Task<string[]> CsvAsync(HttpClient client, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/csv" } } });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        return [.. (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string Share(JsonNode figures) =>
        figures["regionalShare"] is { } share ? share.GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

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
