using System.Net;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>Every placement report reads its period by one parser: a year, from and to (years or dates), a quarter or a half-year.</summary>
[Collection(ApiCollection.Name)]
public class PeriodParameterTests(LedgerApi api)
{
    [Theory]
    [InlineData("placements", "from=2021&to=2021-12-31", "to")]
    [InlineData("placements", "from=2021-01-01&to=2021", "from")]
    [InlineData("placements", "from=2021-03-01&to=2021-02-28", "to")]
    [InlineData("placements", "from=2021-13-01&to=2021-12-31", "from")]
    [InlineData("placements", "from=2000-01-01&to=2050-01-01", "to")]
    [InlineData("placements", "quarter=2021-Q5", "quarter")]
    [InlineData("placements", "quarter=2021Q1", "quarter")]
    [InlineData("placements", "quarter=2021-Q1&year=2021", "quarter")]
    [InlineData("placements", "quarter=2021-Q1&half=2021-H1", "half")]
    [InlineData("sroi-placements", "half=2021-H3", "half")]
    [InlineData("sroi-placements", "from=2021-01-01", "to")]
    [InlineData("trede-flow", "quarter=1999-Q1", "quarter")]
    [InlineData("trede-flow", "to=2021-06-30", "from")]
    [InlineData("durable-placements", "", "year")]
    [InlineData("durable-placements", "year=2021&months=0", "months")]
    [InlineData("durable-placements", "year=2021&months=37", "months")]
    [InlineData("durable-placements", "year=2021&months=six", "months")]
    [InlineData("durable-placements", "year=2021&asOf=30-09-2021", "asOf")]
    public async Task A_bad_period_is_a_400_naming_it(string report, string query, string field)
    {
        var wsp = await api.ClientAsync("wsp");
        await (await wsp.GetAsync($"/api/v1/reports/{report}?{query}")).ShouldNameFieldAsync(field);
    }

    [Fact]
    public async Task Mixing_several_periods_names_each_one()
    {
        var wsp = await api.ClientAsync("wsp");
        var problem = await (await wsp.GetAsync("/api/v1/reports/durable-placements?year=2021&quarter=2021-Q1&half=2021-H1&months=0"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["year", "quarter", "half", "months"]);
    }

    [Fact]
    public async Task Each_period_says_which_dates_it_counted_and_a_year_answers_as_before()
    {
        var wsp = await api.ClientAsync("wsp", "GM9236");

        var quarter = await (await wsp.GetAsync("/api/v1/reports/sroi-placements?quarter=2021-Q2")).ShouldBeAsync(HttpStatusCode.OK);
        var half = await (await wsp.GetAsync("/api/v1/reports/trede-flow?half=2021-H2")).ShouldBeAsync(HttpStatusCode.OK);
        var dates = await (await wsp.GetAsync("/api/v1/reports/placements?from=2021-01-01&to=2021-12-31")).ShouldBeAsync(HttpStatusCode.OK);
        var year = await (await wsp.GetAsync("/api/v1/reports/placements?year=2021")).ShouldBeAsync(HttpStatusCode.OK);
        var durable = await (await wsp.GetAsync("/api/v1/reports/durable-placements?from=2020&to=2021&asOf=2022-06-30")).ShouldBeAsync(HttpStatusCode.OK);

        (quarter["year"], quarter["period"]!["from"]!.GetValue<string>(), quarter["period"]!["to"]!.GetValue<string>())
            .Should().Be((null, "2021-04-01", "2021-06-30"));
        (half["year"], half["period"]!["from"]!.GetValue<string>(), half["period"]!["to"]!.GetValue<string>())
            .Should().Be((null, "2021-07-01", "2021-12-31"));
        // Dates that make a calendar year: the year's answer, which also says the dates.
        (dates["year"]!.GetValue<int>(), dates["period"]!["from"]!.GetValue<string>()).Should().Be((2021, "2021-01-01"));
        year.AsObject().ContainsKey("period").Should().BeFalse("a year's answer is what it was before periods");
        (durable["period"]!["from"]!.GetValue<string>(), durable["period"]!["to"]!.GetValue<string>(), durable["asOf"]!.GetValue<string>(),
            durable.Long("counted"), durable["stillWorkingShare"]).Should().Be(("2020-01-01", "2021-12-31", "2022-06-30", 0, null));
    }
}
