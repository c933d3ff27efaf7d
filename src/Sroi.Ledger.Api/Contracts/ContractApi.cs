using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Balance;
using Sroi.Ledger.Api.Contracts.AmendingContract;
using Sroi.Ledger.Api.Contracts.AuditingContract;
using Sroi.Ledger.Api.Contracts.CompletingContract;
using Sroi.Ledger.Api.Contracts.PreviewingObligation;
using Sroi.Ledger.Api.Contracts.ReadingContracts;
using Sroi.Ledger.Api.Contracts.RegisteringContract;
using Sroi.Ledger.Api.Contracts.SettlingObligation;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.OpenApi;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>The contract endpoints under /api/v1/contracts: who may call each, and what it is.</summary>
public static class ContractApi
{
    public static void MapContracts(RouteGroupBuilder api)
    {
        var contracts = api.MapGroup("/contracts").WithTags("Contracts");

        contracts.MapGet("", ContractQueries.ListAsync).WithName("listContracts")
            .WithSummary("List contracts, filtered and paged; newest award first.")
            .RequireRoles(ContractEndpoints.Readers)
            .IsExpensiveRead();

        contracts.MapGet("/{id:guid}", ContractQueries.GetAsync).WithName("getContract")
            .WithSummary("One contract with its obligation and amendments, or as known on `asKnownOn`; ETag is its version.")
            .RequireRoles(ContractEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // What a registration or an amendment would owe, before it is made (the forms show it while procurement types).
        contracts.MapGet("/obligation-preview", ObligationPreviewEndpoints.RegistrationAsync).WithName("previewRegistrationObligation")
            .WithSummary("The obligation a registration with this category, value, award date (and sroi choice) would get in the caller's municipality, with its basis; nothing is written.")
            .RequireRoles(Role.Inkoop)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        contracts.MapGet("/{id:guid}/obligation-preview", ObligationPreviewEndpoints.AmendmentAsync).WithName("previewAmendmentObligation")
            .WithSummary("The obligation the contract would have at the new `contractValue` (its basis fixed at registration); nothing is written.")
            .RequireRoles(Role.Inkoop)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        // Writes: each through the one write function (Writing/LedgerWriter), its answer a Written<T> or WrittenNew<T>.
        contracts.MapPost("", RegisterContractEndpoint.HandleAsync).WithName("registerContract")
            .WithSummary("Register an awarded contract; its SROI obligation is computed from the policy.")
            .RequireRoles(Role.Inkoop)
            .ProducesLedgerWriteProblems();

        contracts.MapPost("/{id:guid}/amendments", AmendContractEndpoint.HandleAsync).WithName("amendContract")
            .WithSummary("Change the contract value (meerwerk/minderwerk); If-Match optional.")
            .RequireRoles(Role.Inkoop)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        contracts.MapPost("/{id:guid}/completion", CompleteContractEndpoint.HandleAsync).WithName("completeContract")
            .WithSummary("Record the end of the work; If-Match optional.")
            .RequireRoles(Role.Inkoop)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        contracts.MapPost("/{id:guid}/settlement", SettleObligationEndpoint.SettleAsync).WithName("settleObligation")
            .WithSummary("After the term: met, penalty {amount}, buy-off {amount} or waived {reason}.")
            .RequireRoles(Role.Wsp)
            .WithRequestExamples(SettleObligationEndpoint.Examples)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        contracts.MapGet("/{id:guid}/settlement", SettleObligationEndpoint.GetAsync).WithName("getSettlement")
            .WithSummary("How the obligation was settled; 404 while it is not.")
            .RequireRoles(ContractEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The contract's reads beside its document: the balance and the audit history.
        contracts.MapGet("/{id:guid}/balance", ContractBalanceEndpoint.GetAsync).WithName("getContractBalance")
            .WithSummary("Obligation, accepted, pending, rejected, remaining, percentage, value per kind and the status today; or as known on `asKnownOn` (alias `knownOn`).")
            .RequireRoles(ContractEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        contracts.MapGet("/{id:guid}/history", ContractHistoryEndpoint.HandleAsync).WithName("getContractHistory").IsExpensiveRead()
            .WithSummary("Every event as stored (paged: page, pageSize ≤ 1000) with who acted (`actorName`, `actorDisplay`) and whether the chain holds up to it (`chainHolds`), the hash chain verified, the contract and its balance right after each event of the page (`statesAfter`), whether the municipality's newest signed checkpoint covers and holds for this stream (`checkpoint`), and the contract as known on `asKnownOn` (alias `knownOn`).")
            .RequireRoles(Role.Auditor, Role.Admin, Role.Inkoop, Role.Wsp)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
