using System.Net;
using System.Text.Json.Nodes;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Candidates;

/// <summary>
/// An amendment of a programme's end and enrolments after that end, sent at the same moment: the enrolments are on the
/// candidates' streams and the end on the programme's, so each used to read the other's side before its own write and both
/// were recorded (found attacking issue 22: 4 of 5 tries with eight enrolments beside one amendment left a programme
/// ending on 2022-11-30 with candidates enrolled on 2022-12-01). Now one of the two is refused, whichever comes first.
/// </summary>
[Collection(ApiCollection.Name)]
public class ProgrammeEndRaceTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9244";

    private const int Candidates = 8;

    [Fact]
    public async Task An_end_amended_while_candidates_enrol_after_it_never_leaves_an_enrolment_after_the_end()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var numbers = new List<string>();
        for (var i = 0; i < Candidates; i++)
            numbers.Add(await wsp.RegisterAsync(Registration(registeredOn: "2022-01-01", municipality: Municipality)));

        for (var round = 0; round < 5; round++)
        {
            var code = $"race-{round}";
            (await wsp.PostJsonAsync("/api/v1/programmes", new JsonObject
            {
                ["municipality"] = Municipality, ["code"] = code, ["name"] = "Race", ["startsOn"] = "2022-01-01",
                ["outcomes"] = new JsonArray("to-work"),
            })).StatusCode.Should().Be(HttpStatusCode.Created);

            var enrolments = numbers.Select(n => wsp.PostJsonAsync($"/api/v1/candidates/{n}/programmes/{code}/enrolment",
                new JsonObject { ["enrolledOn"] = "2022-12-01" })).ToList();
            var amendment = wsp.PostJsonAsync($"/api/v1/programmes/{code}/amendment",
                new JsonObject { ["endsOn"] = "2022-11-30", ["reason"] = "Eerder gestopt" });
            var answers = await Task.WhenAll(enrolments);
            var amended = await amendment;

            var enrolled = answers.Count(e => e.StatusCode == HttpStatusCode.OK);
            // Every answer is one of the two outcomes of the race, never a 500 or a 409 for nothing.
            answers.Select(e => e.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.UnprocessableEntity);
            var programme = await (await wsp.GetAsync($"/api/v1/programmes/{code}")).ShouldBeAsync(HttpStatusCode.OK);
            if (amended.StatusCode == HttpStatusCode.OK)
            {
                enrolled.Should().Be(0, $"round {round}: the programme ends on 2022-11-30, so no one is enrolled on 2022-12-01");
                programme["endsOn"]!.GetValue<string>().Should().Be("2022-11-30");
            }
            else
            {
                var refused = await amended.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
                refused["code"]!.GetValue<string>().Should().Be("programme.ends-before-enrolment");
                enrolled.Should().BeGreaterThan(0);
                programme["endsOn"].Should().BeNull();
            }
        }
    }
}
