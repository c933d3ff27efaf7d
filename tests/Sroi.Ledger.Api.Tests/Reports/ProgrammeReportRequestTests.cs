using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Exports;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>
/// Found by the hostile run on issue 22: the programme report answers a bad request as every report does (406, then 403,
/// then one 400 naming every bad value, the programme code among them), and its CSV, like the school leavers', leaves a
/// value that is not there an empty field (the writer's null), never <c>""</c> (a recorded empty text).
/// </summary>
[Collection(ApiCollection.Name)]
public class ProgrammeReportRequestTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9726";

    [Fact]
    public async Task A_bad_programme_code_is_named_with_every_other_bad_parameter()
    {
        var auditor = await api.ClientAsync("auditor", Municipality);
        var problem = await (await auditor.GetAsync("/api/v1/reports/programmes/Niet_Goed?from=gisteren&to=2021-13-01"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["code", "from", "to"]);
    }

    [Fact]
    public async Task A_bad_programme_code_comes_after_an_unacceptable_format_and_another_municipality()
    {
        var auditor = await api.ClientAsync("auditor", Municipality);
        using var xml = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/programmes/Niet_Goed");
        xml.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        await (await auditor.SendAsync(xml)).ShouldBeAsync(HttpStatusCode.NotAcceptable);
        await (await auditor.GetAsync("/api/v1/reports/programmes/Niet_Goed?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_programme_and_school_leaver_csv_leave_absent_values_empty()
    {
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        await (await wsp.PostJsonAsync("/api/v1/programmes", new JsonObject
        {
            ["municipality"] = Municipality, ["code"] = "leeg-veld", ["name"] = "Leeg veld", ["startsOn"] = "2022-01-01",
            ["outcomes"] = new JsonArray("first-talk"),
        })).ShouldBeAsync(HttpStatusCode.Created);

        var programme = await CsvFile.GetAsync(auditor, "/api/v1/reports/programmes/leeg-veld");
        programme.Text.Split("\r\n").Skip(1).Take(3).Should().Equal(
            $"{Municipality};leeg-veld;;;ingeschreven;;0",
            $"{Municipality};leeg-veld;;;beeindigd;;0",
            $"{Municipality};leeg-veld;;;uitkomst;first-talk;0");

        var leavers = await CsvFile.GetAsync(auditor, "/api/v1/reports/school-leavers?asOf=2021-05-31");
        var lines = leavers.Text.Split("\r\n");
        (lines[1], lines[2], lines[^2]).Should().Be(
            ($"{Municipality};2021-05-31;;totaal;;0", $"{Municipality};2021-05-31;;dagactiviteit;at-school;0",
             $"{Municipality};2021-05-31;;zonder_dagactiviteit;;0"));
    }
}
