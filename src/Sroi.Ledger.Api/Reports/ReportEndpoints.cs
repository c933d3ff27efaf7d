using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// The yearly figures a municipality publishes, as SQL aggregates over the read tables. A key bound to a municipality
/// reads its own (naming another is 403); an admin names one.
/// </summary>
public static class ReportEndpoints
{
    private static readonly Role[] Readers = [Role.Wsp, Role.Auditor, Role.Admin];

    public static void MapReports(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireRoles(Readers);

        reports.MapGet("/placements", PlacementsAsync)
            .WithName("reportPlacements").WithSummary("Placements of a year (year) or a row per year plus a total (from, to); optional municipality.")
            .Produces<PlacementsReport>().Produces<PlacementsRangeReport>().ProducesReportProblems();
        reports.MapGet("/sroi-placements", SroiPlacementsAsync)
            .WithName("reportSroiPlacements").WithSummary("SROI placements of a year: count, distinct employers, regional share.")
            .Produces<SroiPlacementsReport>().ProducesReportProblems();
        reports.MapGet("/trede-distribution", TredeDistributionAsync)
            .WithName("reportTredeDistribution").WithSummary("Benefit recipients on asOf by the trede in force, with percentages.")
            .Produces<TredeDistributionReport>().ProducesReportProblems();
        reports.MapGet("/trede-flow", TredeFlowAsync)
            .WithName("reportTredeFlow").WithSummary("Trede changes effective in a year (from→to, up, down) and benefits ended.")
            .Produces<TredeFlowReport>().ProducesReportProblems();
    }

    private static async Task<IResult> PlacementsAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        var errors = new FieldErrors();
        var years = ReportParameters.Years(http.Request.Query, errors);
        if (Refusal(outside, errors) is { } refusal) return refusal;
        var (from, to, isRange) = years!.Value;
        var report = await PlacementsReportQuery.QueryAsync(db, municipality, from, to, ct);
        return isRange ? Results.Json(report, LedgerJson.Options) : Results.Json(report.Years.Single(), LedgerJson.Options);
    }

    private static async Task<IResult> SroiPlacementsAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        var errors = new FieldErrors();
        var year = ReportParameters.Year(http.Request.Query, "year", errors);
        return Refusal(outside, errors)
            ?? Results.Json(await SroiPlacementsReportQuery.QueryAsync(db, municipality, year!.Value, ct), LedgerJson.Options);
    }

    private static async Task<IResult> TredeDistributionAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        var errors = new FieldErrors();
        var asOf = ReportParameters.Date(http.Request.Query, "asOf", errors);
        return Refusal(outside, errors)
            ?? Results.Json(await TredeDistributionReportQuery.QueryAsync(db, municipality, asOf!.Value, ct), LedgerJson.Options);
    }

    private static async Task<IResult> TredeFlowAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        var errors = new FieldErrors();
        var year = ReportParameters.Year(http.Request.Query, "year", errors);
        return Refusal(outside, errors)
            ?? Results.Json(await TredeFlowReportQuery.QueryAsync(db, municipality, year!.Value, ct), LedgerJson.Options);
    }

    /// <summary>Another municipality (403) first, then the bad parameters (400); null when the report can run.</summary>
    private static IResult? Refusal(IResult? outside, FieldErrors errors) =>
        outside ?? (errors.Any ? Problems.BadRequest(errors) : null);

    private static RouteHandlerBuilder ProducesReportProblems(this RouteHandlerBuilder route) =>
        route.ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
}
