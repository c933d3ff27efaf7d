using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Fulfilments.Reading;

namespace Sroi.Ledger.Api.Fulfilments;

/// <summary>The reads of a contract's reports under /api/v1/contracts/{id}/fulfilments (FulfilmentApi maps the writes).</summary>
public static class FulfilmentReadApi
{
    public static void MapFulfilmentReads(RouteGroupBuilder api)
    {
        var fulfilments = api.MapGroup("/contracts/{id:guid}/fulfilments").WithTags("Fulfilment");

        fulfilments.MapGet("", FulfilmentQueries.ListAsync).WithName("listFulfilments")
            .WithSummary("The contract's reports in the order they were made (filter: status, kind), or as known on `asKnownOn`.")
            .RequireRoles(FulfilmentEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        fulfilments.MapGet("/{fid:guid}", FulfilmentQueries.GetAsync).WithName("getFulfilment")
            .WithSummary("One report with its value, table version, breakdown and review, or as known on `asKnownOn`.")
            .RequireRoles(FulfilmentEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
