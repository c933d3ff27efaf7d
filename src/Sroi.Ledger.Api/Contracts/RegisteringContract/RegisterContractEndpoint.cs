using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Contracts;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Contracts.RegisteringContract;

/// <summary>POST /api/v1/contracts — procurement registers an awarded contract; its obligation follows from the policy.</summary>
public static class RegisterContractEndpoint
{
    [WolverinePost("/api/v1/contracts", OperationId = "registerContract")]
    public static async Task<IResult> HandleAsync(HttpContext http, ContractWriter writer, Marten.IDocumentStore store, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<RegisterContractRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        var valid = ValidRegistration.Validate(body!.Value, errors);
        if (valid is null) return Problems.BadRequest(errors);

        var municipality = Caller.From(http).Municipality!.Value;
        var policy = await SroiPolicies.InForceAsync(store, municipality, valid.AwardedOn, ct);
        var contractId = Guid.CreateVersion7();
        var command = new RegisterContract(contractId, municipality, valid.Reference, valid.Title, valid.Category,
            valid.ContractValue, valid.Contractor, valid.AwardedOn, valid.StartsOn, valid.EndsOn, valid.Scope, valid.Sroi, policy);

        return await writer.ExecuteAsync(http, new ContractCommand(
            contractId, RegistersNewContract: true, body.Fingerprint,
            Reason: (valid.Sroi as SroiChoice.Exemption)?.Reason ?? (valid.Sroi as SroiChoice.Percentage)?.Reason,
            state => ContractDecider.Decide(command, state), StatusCodes.Status201Created), ct);
    }

    /// <summary>Wolverine calls this once for the endpoint: who may call it and what OpenAPI says about it.</summary>
    public static void Configure(HttpChain chain) => chain
        .Describe("Register an awarded contract; its SROI obligation is computed from the policy.")
        .RequireRoles(Role.Inkoop).WithTags("Contracts")
        .Accepts<RegisterContractRequest>("application/json")
        .Produces<ContractResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
        .ProducesLedgerWriteProblems();
}
