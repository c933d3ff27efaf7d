using System.Net;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Time;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;

namespace Sroi.Ledger.Api.Tests.Reports;

/// <summary>The durable placements report's asOf: never before the period it measures, never past the service's dates.</summary>
[Collection(ApiCollection.Name)]
public class DurablePlacementsParameterTests(LedgerApi api)
{
    /// <summary>Used by no other test.</summary>
    private const string Municipality = "GM9243";

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
    public async Task A_placement_is_never_measured_on_a_date_the_ledger_has_not_reached()
    {
        // Found attacking issue 22: ?year=2026&asKnownOn=2999-01-01T00:00:00Z (or ?asOf=2999-01-01) measured an open placement
        // that started five weeks before today on 2999-01-01 and answered "still working after 12 months, 100%": a forecast
        // presented as a figure. The ledger knows no later than its knowledge instant (asKnownOn, or now), so the measuring
        // date derived from a later asKnownOn is today, and a later asOf is a 400.
        var wsp = await api.ClientAsync("wsp", Municipality);
        var auditor = await api.ClientAsync("auditor", Municipality);
        var today = BusinessCalendar.Today(SystemClock.Instance);
        var started = today.PlusMonths(-1);
        var number = await wsp.RegisterAsync(Registration(registeredOn: "2020-01-06", municipality: Municipality));
        await wsp.PlaceAsync(number, Placement(LocalDatePattern.Iso.Format(started)));
        var period = $"from={LocalDatePattern.Iso.Format(started)}&to={LocalDatePattern.Iso.Format(started)}";

        var future = await (await auditor.GetAsync($"/api/v1/reports/durable-placements?{period}&asKnownOn=2999-12-31T23:59:59Z"))
            .ShouldBeAsync(HttpStatusCode.OK);
        future["asOf"]!.GetValue<string>().Should().Be(LocalDatePattern.Iso.Format(today));
        (future.Long("counted"), future.Long("notYetMeasurable"), future.Long("stillWorking")).Should().Be((1, 1, 0));
        future["curve"]!.AsArray().Select(p => p!.Long("stillWorking")).Should().Equal(0, 0, 0);

        var later = await (await auditor.GetAsync($"/api/v1/reports/durable-placements?{period}&asOf=2999-01-01"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        later["errors"]!["asOf"]![0]!.GetValue<string>().Should().Be($"Not after {LocalDatePattern.Iso.Format(today)}, the date of what the ledger knows.");
        var afterKnown = await (await auditor.GetAsync($"/api/v1/reports/durable-placements?year=2021&asOf=2022-01-01&asKnownOn=2021-12-31T12:00:00Z"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        afterKnown["errors"]!["asOf"]![0]!.GetValue<string>().Should().Be("Not after 2021-12-31, the date of what the ledger knows.");
        await (await auditor.GetAsync($"/api/v1/reports/durable-placements?year=2021&asOf=2021-12-31&asKnownOn=2021-12-31T12:00:00Z"))
            .ShouldBeAsync(HttpStatusCode.OK);
    }
}
