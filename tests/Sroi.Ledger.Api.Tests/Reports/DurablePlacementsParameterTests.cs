using System.Net;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>The durable placements report's asOf: never before the period it measures, never past the service's dates.</summary>
[Collection(ApiCollection.Name)]
public class DurablePlacementsParameterTests(LedgerApi api)
{
    [Fact]
    public async Task An_asOf_before_the_period_is_a_400_naming_asOf()
    {
        var auditor = await api.ClientAsync("auditor");
        var problem = await (await auditor.GetAsync("/api/v1/reports/durable-placements?year=2026&asOf=1900-01-01"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["asOf"]![0]!.GetValue<string>().Should().Be("Not before the period's start (2026-01-01).");
        await (await auditor.GetAsync("/api/v1/reports/durable-placements?quarter=2026-Q2&asOf=2026-03-31")).ShouldNameFieldAsync("asOf");

        // The period's first day is a peildatum (nothing is measurable yet), as is any later one.
        var first = await (await auditor.GetAsync("/api/v1/reports/durable-placements?year=2026&asOf=2026-01-01")).ShouldBeAsync(HttpStatusCode.OK);
        first["asOf"]!.GetValue<string>().Should().Be("2026-01-01");
    }

    [Fact]
    public async Task The_asOf_derived_from_the_last_instant_stays_within_the_service_dates()
    {
        // 2999-12-31T23:59:59Z is 3000-01-01 in Amsterdam: the derived date keeps to 2999-12-31, the last the service takes.
        var auditor = await api.ClientAsync("auditor");
        var report = await (await auditor.GetAsync("/api/v1/reports/durable-placements?year=2026&asKnownOn=2999-12-31T23:59:59Z"))
            .ShouldBeAsync(HttpStatusCode.OK);
        report["asOf"]!.GetValue<string>().Should().Be("2999-12-31");
    }
}
