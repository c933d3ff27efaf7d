using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Balance;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.Contracts.AmendingContract;
using Sroi.Ledger.Api.Contracts.AuditingContract;
using Sroi.Ledger.Api.Contracts.CompletingContract;
using Sroi.Ledger.Api.Contracts.ReadingContracts;
using Sroi.Ledger.Api.Contracts.RegisteringContract;
using Sroi.Ledger.Api.Contracts.SettlingObligation;

namespace Sroi.Ledger.Api.Contracts;

public static class ContractEndpoints
{
    private static readonly Role[] Readers = [Role.Inkoop, Role.Wsp, Role.Opdrachtnemer, Role.Auditor, Role.Admin];

    public static void MapContracts(this IEndpointRouteBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts");

        contracts.MapGet("/", ContractQueries.ListAsync).RequireRoles(Readers)
            .WithName("listContracts")
            .WithSummary("List contracts (filter: contractorKvk, category, status — active, completed, or a balance status such as behind; page, pageSize).")
            .Produces<ContractPage>().ProducesValidationProblem();

        contracts.MapGet("/{id:guid}", ContractQueries.GetAsync).RequireRoles(Readers)
            .WithName("getContract").WithSummary("One contract with its obligation and amendments; ETag is its version.")
            .Produces<ContractResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        contracts.MapGet("/{id:guid}/balance", ContractBalanceEndpoint.GetAsync).RequireRoles(Readers)
            .WithName("getContractBalance")
            .WithSummary("Obligation, accepted, pending, rejected, remaining, percentage, value per kind and the status today; or as known on `knownOn`.")
            .Produces<BalanceResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        contracts.MapPost("/{id:guid}/settlement", SettleObligationEndpoint.SettleAsync).RequireRoles(Role.Wsp)
            .WithName("settleObligation").WithSummary("After the term: met, penalty {amount}, buy-off {amount} or waived {reason}.")
            .Accepts<SettlementRequest>("application/json")
            .WithRequestExamples(
                new("penalty", "A penalty for the shortfall", new() { ["outcome"] = "penalty", ["amount"] = 3000.00, ["reason"] = "Na herstelperiode, pro rata" }),
                new("buy-off", "The contractor buys off the shortfall (afkoop)", new() { ["outcome"] = "buy-off", ["amount"] = 6000.00 }),
                new("waived", "Waived, with the reason", new() { ["outcome"] = "waived", ["reason"] = "Aantoonbaar alle inspanning geleverd" }),
                new("met", "The obligation is met", new() { ["outcome"] = "met" }))
            .Produces<SettlementResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        contracts.MapGet("/{id:guid}/settlement", SettleObligationEndpoint.GetAsync).RequireRoles(Readers)
            .WithName("getSettlement").WithSummary("How the obligation was settled; 404 while it is not.")
            .Produces<SettlementResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        contracts.MapGet("/{id:guid}/history", ContractHistoryEndpoint.HandleAsync).RequireRoles(Role.Auditor, Role.Admin, Role.Inkoop, Role.Wsp)
            .WithName("getContractHistory").WithSummary("Every event as stored, the hash chain verified, and the contract as known on `knownOn`.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        contracts.MapPost("/{id:guid}/amendments", AmendContractEndpoint.HandleAsync).RequireRoles(Role.Inkoop)
            .WithName("amendContract").WithSummary("Change the contract value (meerwerk/minderwerk); If-Match optional.")
            .Accepts<AmendContractRequest>("application/json")
            .ProducesContractChange();

        contracts.MapPost("/{id:guid}/completion", CompleteContractEndpoint.HandleAsync).RequireRoles(Role.Inkoop)
            .WithName("completeContract").WithSummary("Record the end of the work; If-Match optional.")
            .Accepts<CompleteContractRequest>("application/json")
            .ProducesContractChange();
    }

    /// <summary>What a change of an existing contract can answer: the contract, or 400/404/409/412/422.</summary>
    private static RouteHandlerBuilder ProducesContractChange(this RouteHandlerBuilder route) =>
        route.Produces<ContractResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
