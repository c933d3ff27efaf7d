using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.Fulfilments.Reading;
using Sroi.Ledger.Api.Fulfilments.Reporting;
using Sroi.Ledger.Api.Fulfilments.Reviewing;

namespace Sroi.Ledger.Api.Fulfilments;

public static class FulfilmentEndpoints
{
    private static readonly Role[] Readers = [Role.Inkoop, Role.Wsp, Role.Opdrachtnemer, Role.Auditor, Role.Admin];
    private static readonly Role[] Reporters = [Role.Opdrachtnemer, Role.Wsp];

    public static void MapFulfilments(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/contracts/{id:guid}/fulfilments").WithTags("Fulfilment");

        reports.MapPost("/", ReportFulfilmentEndpoint.ReportAsync).RequireRoles(Reporters)
            .WithName("reportFulfilment")
            .WithSummary("Report fulfilment (employment, internship, bbl, work-experience, social-procurement, training, social-activity); valued at once.")
            .Accepts<FulfilmentReportShape>("application/json").WithRequestExamples(FulfilmentExamples.PerKind)
            .ProducesReportChange(StatusCodes.Status201Created);

        reports.MapGet("/", FulfilmentQueries.ListAsync).RequireRoles(Readers)
            .WithName("listFulfilments").WithSummary("The contract's reports in the order they were made (filter: status, kind).")
            .Produces<FulfilmentPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/{fid:guid}", FulfilmentQueries.GetAsync).RequireRoles(Readers)
            .WithName("getFulfilment").WithSummary("One report with its value, table version, breakdown and review.")
            .Produces<FulfilmentResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapPost("/{fid:guid}/acceptance", ReviewFulfilmentEndpoints.AcceptAsync).RequireRoles(Role.Wsp)
            .WithName("acceptFulfilment").WithSummary("Accept a pending report (optional note); its value counts as fulfilled.")
            .Accepts<AcceptanceRequest>("application/json")
            .ProducesReportChange(StatusCodes.Status200OK);

        reports.MapPost("/{fid:guid}/rejection", ReviewFulfilmentEndpoints.RejectAsync).RequireRoles(Role.Wsp)
            .WithName("rejectFulfilment").WithSummary("Reject a pending report, with the reason.")
            .Accepts<RejectionRequest>("application/json")
            .ProducesReportChange(StatusCodes.Status200OK);

        reports.MapPost("/{fid:guid}/withdrawal", ReviewFulfilmentEndpoints.WithdrawAsync).RequireRoles(Reporters)
            .WithName("withdrawFulfilment").WithSummary("The reporter takes its own pending report back (optional reason).")
            .Accepts<WithdrawalRequest>("application/json")
            .ProducesReportChange(StatusCodes.Status200OK);

        reports.MapPost("/{fid:guid}/correction", ReportFulfilmentEndpoint.CorrectAsync).RequireRoles(Reporters)
            .WithName("correctFulfilment").WithSummary("Replace a report with a new one (same body as a report); the old one no longer counts.")
            .Accepts<FulfilmentReportShape>("application/json").WithRequestExamples(FulfilmentExamples.PerKind)
            .ProducesReportChange(StatusCodes.Status201Created);
    }

    /// <summary>What a write on a report can answer: the report, or 400/403/404/409/412/422.</summary>
    private static RouteHandlerBuilder ProducesReportChange(this RouteHandlerBuilder route, int success) =>
        route.Produces<FulfilmentResponse>(success).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
