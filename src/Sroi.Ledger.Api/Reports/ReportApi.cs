using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Reports;

/// <summary>The published figures under /api/v1/reports, each as JSON or CSV by Accept.</summary>
public static class ReportApi
{
    public static void MapReports(RouteGroupBuilder api)
    {
        // Every report reads a municipality's (or the country's) year: a few in flight per caller (RateLimiting/CallerConcurrency).
        var reports = api.MapGroup("/reports").WithTags("Reports").IsExpensiveRead();

        reports.MapGet("/placements", ReportEndpoints.PlacementsAsync).WithName("reportPlacements")
            .WithSummary("Placements of a year (year) or a row per year plus a total (from, to); optional municipality; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.Placements)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/sroi-placements", ReportEndpoints.SroiPlacementsAsync).WithName("reportSroiPlacements")
            .WithSummary("SROI placements of a year: count, distinct employers, regional share; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.SroiPlacements)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/trede-distribution", ReportEndpoints.TredeDistributionAsync).WithName("reportTredeDistribution")
            .WithSummary("Benefit recipients on asOf by the trede in force, with percentages; as known on `asKnownOn` (recorded time).")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.TredeDistribution)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/trede-flow", ReportEndpoints.TredeFlowAsync).WithName("reportTredeFlow")
            .WithSummary("Trede changes effective in a year (from→to, up, down) and benefits ended; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.TredeFlow)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/durable-placements", ReportEndpoints.DurablePlacementsAsync).WithName("reportDurablePlacements")
            .WithSummary("Duurzame plaatsing: a period's placements still working after `months` (default 6) and with full outflow from the benefit, with a 3/6/12-month curve; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.DurablePlacements)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/benefit-duration", ReportEndpoints.BenefitDurationAsync).WithName("reportBenefitDuration")
            .WithSummary("Municipal benefit recipients on asOf by act and duration band (0-1, 1-2, 2-3, 3-5, 5+ years), the share the WSP serves, and by trede; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.BenefitDuration)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        reports.MapGet("/caseload", ReportEndpoints.CaseloadAsync).WithName("reportCaseload")
            .WithSummary("The clients the WSP guides towards work on asOf, by trede and with or without a benefit; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.Caseload)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Issue 20: the overview's figures in one read, for everyone who reads contracts (the contract list's scope).
        reports.MapGet("/sroi-obligations", SroiObligations.SroiObligationsEndpoint.GetAsync).WithName("reportSroiObligations")
            .WithSummary("Today's SROI obligations of the contracts the caller may see: per status, per award year (accepted up to each contract's obligation, and the shortfall) and the contracts behind, worst first; optional municipality.")
            .RequireRoles(Contracts.ContractEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Issue 21: a region's members summed, for an admin or the region's coordinator.
        reports.MapGet("/regions/{code}/sroi-placements", RegionSroiPlacementsEndpoint.GetAsync).WithName("reportRegionSroiPlacements")
            .WithSummary("SROI placements of a year (or quarter, half-year, dates) in every member municipality of a region, from regional and from local contracts, summed; as known on `asKnownOn`.")
            .WithDescription("Each member's line is its own `GET /reports/sroi-placements`: a placement counts in the municipality of its candidate, " +
                "`regional` when the contract it was linked to is regional (whichever member led it). The members are those of the region's version in force " +
                "on the period's last day (`regionVersion`). For an admin, and for a regional coordinator (role `regiocoordinator`) of the region; " +
                "another region's coordinator is refused (403). As CSV with `Accept: text/csv`: a row per member, then the region's total row (empty `gemeente`).")
            .RequireRoles(RegionSroiPlacementsEndpoint.Readers)
            .WithCsvHeader(ReportCsv.RegionSroiPlacements)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Issue 22: programmes and school leavers.
        reports.MapGet("/programmes/{code}", ProgrammeReportEndpoints.ProgrammeAsync).WithName("reportProgramme")
            .WithSummary("A programme over a period (from, to: dates, both optional): candidates enrolled, and per outcome the candidates who reached it; as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.Programme)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/school-leavers", ProgrammeReportEndpoints.SchoolLeaversAsync).WithName("reportSchoolLeavers")
            .WithSummary("School leavers from praktijkonderwijs and VSO on asOf by their day activity, in total and per school year (optionally one); as known on `asKnownOn`.")
            .RequireRoles(ReportEndpoints.Readers)
            .WithCsvHeader(ReportCsv.SchoolLeavers)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
