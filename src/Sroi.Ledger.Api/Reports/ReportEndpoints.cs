using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

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

    private static Task<IResult> PlacementsAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, ReportParameters.Years, async (municipality, years) =>
        {
            var report = await PlacementsReportQuery.QueryAsync(db, municipality, years.From, years.To, ct);
            return years.IsRange ? report : report.Years.Single();
        });

    private static Task<IResult> SroiPlacementsAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, (query, errors) => ReportParameters.Year(query, "year", errors),
            async (municipality, year) => await SroiPlacementsReportQuery.QueryAsync(db, municipality, year, ct));

    private static Task<IResult> TredeDistributionAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, (query, errors) => ReportParameters.Date(query, "asOf", errors),
            async (municipality, asOf) => await TredeDistributionReportQuery.QueryAsync(db, municipality, asOf, ct));

    private static Task<IResult> TredeFlowAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, (query, errors) => ReportParameters.Year(query, "year", errors),
            async (municipality, year) => await TredeFlowReportQuery.QueryAsync(db, municipality, year, ct));

    /// <summary>
    /// Another municipality than the key's (403) first, then bad parameters (400, every one named), then the report.
    /// </summary>
    private static async Task<IResult> AnswerAsync<TParameter>(
        HttpContext http, Func<IQueryCollection, FieldErrors, TParameter?> read, Func<MunicipalityCode, TParameter, Task<object>> report)
        where TParameter : struct
    {
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        var errors = new FieldErrors();
        var parameter = read(http.Request.Query, errors);
        if (outside is not null) return outside;
        if (errors.Any || parameter is null) return Problems.BadRequest(errors);
        return Results.Json(await report(municipality, parameter.Value), LedgerJson.Options);
    }

    private static RouteHandlerBuilder ProducesReportProblems(this RouteHandlerBuilder route) =>
        route.ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
}
