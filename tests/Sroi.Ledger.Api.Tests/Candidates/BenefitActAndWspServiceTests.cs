using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>The benefit act and the WSP's service through the API: on registration, as dated changes, and what is refused.</summary>
[Collection(ApiCollection.Name)]
public class BenefitActAndWspServiceTests(LedgerApi api)
{
    private const string Municipality = "GM9224";

    [Fact]
    public async Task A_candidate_shows_the_act_and_service_given_at_registration_and_changed_later()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var registered = await (await wsp.PostJsonAsync("/api/v1/candidates", CandidateBodies.Registration(municipality: Municipality)
            .With("benefitAct", "ioaz").With("servedByWsp", false))).ShouldBeAsync(HttpStatusCode.Created);
        var number = registered["candidateNumber"]!.GetValue<string>();
        (registered["benefitAct"]!.GetValue<string>(), registered["servedByWsp"]!.GetValue<bool>(), registered.Long("version"))
            .Should().Be(("ioaz", false, 3), "the registration and its two facts are one append");

        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-act",
            new JsonObject { ["benefitAct"] = "participatiewet", ["effectiveOn"] = "2021-01-01" })).ShouldBeAsync(HttpStatusCode.OK);
        var changed = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/wsp-service",
            new JsonObject { ["served"] = true, ["effectiveOn"] = "2021-02-01" })).ShouldBeAsync(HttpStatusCode.OK);
        JsonNode.DeepEquals(changed["benefitActs"], JsonNode.Parse("""
            [{"benefitAct":"ioaz","effectiveOn":"2020-01-06"},{"benefitAct":"participatiewet","effectiveOn":"2021-01-01"}]
            """)).Should().BeTrue(changed.ToJsonString());
        (changed["benefitAct"]!.GetValue<string>(), changed["servedByWsp"]!.GetValue<bool>()).Should().Be(("participatiewet", true));

        var unchanged = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/wsp-service",
            new JsonObject { ["served"] = true, ["effectiveOn"] = "2021-03-01" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        unchanged["code"]!.GetValue<string>().Should().Be("candidate.wsp-service-unchanged");
    }

    [Fact]
    public async Task A_benefit_cannot_end_before_an_act_change_already_recorded()
    {
        // Found by the hostile run on issue 22: a change of act after the end is refused, so an end before a recorded
        // change must be too, or the order of two requests decides whether the history says "changed act after it ended".
        var wsp = await api.ClientAsync("wsp", Municipality);
        var number = await wsp.RegisterAsync(CandidateBodies.Registration(municipality: Municipality).With("benefitAct", "ioaw"));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-act",
            new JsonObject { ["benefitAct"] = "participatiewet", ["effectiveOn"] = "2021-09-01" })).ShouldBeAsync(HttpStatusCode.OK);

        foreach (var endedOn in new[] { "2021-08-01", "2021-09-01" })
        {
            var refused = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end",
                CandidateBodies.BenefitEnd(endedOn, "other"))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
            (refused["code"]!.GetValue<string>(), refused["field"]!.GetValue<string>())
                .Should().Be(("candidate.benefit-end-before-act-change", "effectiveOn"));
        }
        var candidate = await (await wsp.GetAsync($"/api/v1/candidates/{number}")).ShouldBeAsync(HttpStatusCode.OK);
        candidate["benefitEnded"].Should().BeNull("nothing was written");

        // The day after the change in force, and for a candidate registered with another act and no change, an end is fine.
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end",
            CandidateBodies.BenefitEnd("2021-09-02", "other"))).ShouldBeAsync(HttpStatusCode.OK);
        var registeredIoaz = await wsp.RegisterAsync(CandidateBodies.Registration(municipality: Municipality).With("benefitAct", "ioaz"));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{registeredIoaz}/benefit-end",
            CandidateBodies.BenefitEnd("2020-01-06", "other"))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_a_municipal_benefit_has_an_act_and_every_bad_field_is_named()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var ww = await (await wsp.PostJsonAsync("/api/v1/candidates", CandidateBodies.Registration(municipality: Municipality, targetGroup: "ww")
            .With("benefitAct", "ioaw"))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        ww["code"]!.GetValue<string>().Should().Be("candidate.benefit-act-without-municipal-benefit");

        await (await wsp.PostJsonAsync("/api/v1/candidates", CandidateBodies.Registration(municipality: Municipality)
            .With("benefitAct", "wajong"))).ShouldNameFieldAsync("benefitAct");
        var number = await wsp.RegisterAsync(CandidateBodies.Registration(municipality: Municipality));
        var bad = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/wsp-service", new JsonObject())).ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["served", "effectiveOn"]);
        var badAct = await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-act", new JsonObject())).ShouldBeAsync(HttpStatusCode.BadRequest);
        badAct["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["benefitAct", "effectiveOn"]);
    }
}
