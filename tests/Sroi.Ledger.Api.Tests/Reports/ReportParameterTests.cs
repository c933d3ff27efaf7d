using System.Net;

namespace Sroi.Ledger.Api.Tests.Reports;

[Collection(ApiCollection.Name)]
public class ReportParameterTests(LedgerApi api)
{
    [Theory]
    [InlineData("placements", "", "year")]
    [InlineData("placements", "year=21", "year")]
    [InlineData("placements", "year=2021&from=2020&to=2021", "year")]
    [InlineData("placements", "from=2020", "to")]
    [InlineData("placements", "from=2022&to=2021", "to")]
    [InlineData("placements", "from=2000&to=2100", "to")]
    [InlineData("placements", "year=2021&municipality=Rijswijk", "municipality")]
    [InlineData("sroi-placements", "year=abc", "year")]
    [InlineData("trede-distribution", "", "asOf")]
    [InlineData("trede-distribution", "asOf=31-12-2020", "asOf")]
    [InlineData("trede-flow", "", "year")]
    public async Task A_bad_parameter_is_a_400_naming_it(string report, string query, string field)
    {
        var wsp = await api.ClientAsync("wsp");
        await (await wsp.GetAsync($"/api/v1/reports/{report}?{query}")).ShouldNameFieldAsync(field);
    }

    [Fact]
    public async Task A_year_without_placements_or_ambition_reports_zeros_and_nulls()
    {
        var wsp = await api.ClientAsync("wsp", "GM1900");

        var placements = await (await wsp.GetAsync("/api/v1/reports/placements?year=2030")).ShouldBeAsync(HttpStatusCode.OK);
        var sroi = await (await wsp.GetAsync("/api/v1/reports/sroi-placements?year=2030")).ShouldBeAsync(HttpStatusCode.OK);
        var treden = await (await wsp.GetAsync("/api/v1/reports/trede-distribution?asOf=2030-01-01")).ShouldBeAsync(HttpStatusCode.OK);

        placements["total"]!.GetValue<long>().Should().Be(0);
        placements["byKind"]!["beschut-werk"]!.GetValue<long>().Should().Be(0);
        placements["ambitionMet"].Should().BeNull();
        sroi["regionalShare"].Should().BeNull();
        treden["treden"]!.AsArray().Should().HaveCount(6).And.OnlyContain(t => t!["percentage"] == null);
    }
}
