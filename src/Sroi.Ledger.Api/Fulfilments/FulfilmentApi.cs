using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Fulfilments.Reading;
using Sroi.Ledger.Api.Fulfilments.Reporting;
using Sroi.Ledger.Api.Fulfilments.Reviewing;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.OpenApi;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>The report endpoints under /api/v1/contracts/{id}/fulfilments: who may call each, and what it is.</summary>
public static class FulfilmentApi
{
    public static void MapFulfilments(RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/contracts/{id:guid}/fulfilments").WithTags("Fulfilment");

        // Reads: the contract's document, today's or as known on `asKnownOn`.
        
        // Every report of the contract at once (not paged): O(reports), so an expensive read.
        reports.MapGet("", FulfilmentQueries.ListAsync).WithName("listFulfilments").IsExpensiveRead()
            .WithSummary("The contract's reports in the order they were made (filter: status, kind), or as known on `asKnownOn`.")
            .RequireRoles(FulfilmentEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("/{fid:guid}", FulfilmentQueries.GetAsync).WithName("getFulfilment")
            .WithSummary("One report with its value, table version, breakdown and review, or as known on `asKnownOn`.")
            .RequireRoles(FulfilmentEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Writes: each through the one write function (Writing/LedgerWriter); 403 for a contractor's report on another's behalf.
        reports.MapPost("", ReportFulfilmentEndpoint.ReportAsync).WithName("reportFulfilment")
            .WithSummary("Report fulfilment (employment, internship, bbl, work-experience, social-procurement, training, social-activity); valued at once.")
            .RequireRoles(FulfilmentEndpoints.Reporters)
            .WithRequestExamples(FulfilmentExamples.PerKind)
            .ProducesReportChange();

        reports.MapPost("/{fid:guid}/correction", ReportFulfilmentEndpoint.CorrectAsync).WithName("correctFulfilment")
            .WithSummary("Replace a report with a new one (same body as a report); the old one no longer counts.")
            .RequireRoles(FulfilmentEndpoints.Reporters)
            .WithRequestExamples(FulfilmentExamples.PerKind)
            .ProducesReportChange();

        reports.MapPost("/{fid:guid}/acceptance", ReviewFulfilmentEndpoints.AcceptAsync).WithName("acceptFulfilment")
            .WithSummary("Accept a pending report (optional note); its value counts as fulfilled.")
            .RequireRoles(Role.Wsp)
            .ProducesReportChange();

        reports.MapPost("/{fid:guid}/rejection", ReviewFulfilmentEndpoints.RejectAsync).WithName("rejectFulfilment")
            .WithSummary("Reject a pending report, with the reason.")
            .RequireRoles(Role.Wsp)
            .ProducesReportChange();

        reports.MapPost("/{fid:guid}/withdrawal", ReviewFulfilmentEndpoints.WithdrawAsync).WithName("withdrawFulfilment")
            .WithSummary("The reporter takes its own pending report back (optional reason).")
            .RequireRoles(FulfilmentEndpoints.Reporters)
            .ProducesReportChange();
    }
}
