using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// The yearly figures a municipality publishes, as SQL aggregates over the read tables. A key bound to a municipality
/// reads its own (naming another is 403); an admin names one.
/// </summary>
public static class ReportEndpoints
{
    public static readonly Role[] Readers = [Role.Wsp, Role.Auditor, Role.Admin];

    [WolverineGet("/api/v1/reports/placements", OperationId = "reportPlacements")]
    public static Task<IResult> PlacementsAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, ReportParameters.Years, async (municipality, years, rows) =>
        {
            var report = await PlacementsReportQuery.QueryAsync(db, municipality, years.From, years.To, rows, ct);
            return years.IsRange ? report : report.Years.Single();
        });

    [WolverineGet("/api/v1/reports/sroi-placements", OperationId = "reportSroiPlacements")]
    public static Task<IResult> SroiPlacementsAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, (query, errors) => ReportParameters.Year(query, "year", errors),
            async (municipality, year, rows) => await SroiPlacementsReportQuery.QueryAsync(db, municipality, year, rows, ct));

    [WolverineGet("/api/v1/reports/trede-distribution", OperationId = "reportTredeDistribution")]
    public static Task<IResult> TredeDistributionAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, (query, errors) => ReportParameters.Date(query, "asOf", errors),
            async (municipality, asOf, rows) => await TredeDistributionReportQuery.QueryAsync(db, municipality, asOf, rows, ct));

    [WolverineGet("/api/v1/reports/trede-flow", OperationId = "reportTredeFlow")]
    public static Task<IResult> TredeFlowAsync(HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        AnswerAsync(http, (query, errors) => ReportParameters.Year(query, "year", errors),
            async (municipality, year, rows) => await TredeFlowReportQuery.QueryAsync(db, municipality, year, rows, ct));

    /// <summary>
    /// Another municipality than the key's (403) first, then bad parameters (400, every one named), then the report: today's,
    /// or with <c>?asKnownOn=</c> (alias <c>knownOn</c>) the answer the ledger would have given at that instant.
    /// </summary>
    private static async Task<IResult> AnswerAsync<TParameter>(
        HttpContext http, Func<IQueryCollection, FieldErrors, TParameter?> read, Func<MunicipalityCode, TParameter, RecordedRows, Task<object>> report)
        where TParameter : struct
    {
        var (format, notAcceptable) = ContentNegotiation.JsonOrCsv(http.Request);
        if (notAcceptable is not null) return notAcceptable;
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        var errors = new FieldErrors();
        var parameter = read(http.Request.Query, errors);
        var asKnownOn = QueryParameters.OptionalAsKnownOn(http.Request, errors);
        if (outside is not null) return outside;
        if (errors.Any || parameter is null) return Problems.BadRequest(errors);
        var answer = await report(municipality, parameter.Value, new RecordedRows(asKnownOn));
        return format == ResponseFormat.Csv ? ReportCsv.Answer(answer) : Results.Json(answer, LedgerJson.Options);
    }

    public static RouteHandlerBuilder ProducesReportProblems(this RouteHandlerBuilder route) =>
        route.ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(PlacementsAsync):
                chain.Describe("Placements of a year (year) or a row per year plus a total (from, to); optional municipality; as known on `asKnownOn`.").WithTags("Reports").RequireRoles(Readers)
                    .Produces<PlacementsReport>().Produces<PlacementsRangeReport>().ProducesCsv(ReportCsv.Placements).ProducesReportProblems();
                break;
            case nameof(SroiPlacementsAsync):
                chain.Describe("SROI placements of a year: count, distinct employers, regional share; as known on `asKnownOn`.").WithTags("Reports").RequireRoles(Readers)
                    .Produces<SroiPlacementsReport>().ProducesCsv(ReportCsv.SroiPlacements).ProducesReportProblems();
                break;
            case nameof(TredeDistributionAsync):
                chain.Describe("Benefit recipients on asOf by the trede in force, with percentages; as known on `asKnownOn` (recorded time).").WithTags("Reports").RequireRoles(Readers)
                    .Produces<TredeDistributionReport>().ProducesCsv(ReportCsv.TredeDistribution).ProducesReportProblems();
                break;
            case nameof(TredeFlowAsync):
                chain.Describe("Trede changes effective in a year (from→to, up, down) and benefits ended; as known on `asKnownOn`.").WithTags("Reports").RequireRoles(Readers)
                    .Produces<TredeFlowReport>().ProducesCsv(ReportCsv.TredeFlow).ProducesReportProblems();
                break;
        }
    }
}
