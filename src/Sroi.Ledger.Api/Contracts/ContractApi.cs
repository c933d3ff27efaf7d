using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts.ReadingContracts;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>The contract endpoints under /api/v1/contracts: who may call each, and what it is.</summary>
public static class ContractApi
{
    public static void MapContracts(RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts");

        contracts.MapGet("", ContractQueries.ListAsync).WithName("listContracts")
            .WithSummary("List contracts, filtered and paged; newest award first.")
            .RequireRoles(ContractEndpoints.Readers);

        contracts.MapGet("/{id:guid}", ContractQueries.GetAsync).WithName("getContract")
            .WithSummary("One contract with its obligation and amendments, or as known on `asKnownOn`; ETag is its version.")
            .RequireRoles(ContractEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
