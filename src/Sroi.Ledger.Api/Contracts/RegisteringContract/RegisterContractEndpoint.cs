using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts.RegisteringContract;

/// <summary>POST /api/v1/contracts — procurement registers an awarded contract; its obligation follows from the policy.</summary>
public static class RegisterContractEndpoint
{
    public static async Task<Results<WrittenNew<ContractResponse>, ProblemHttpResult>> HandleAsync(
        JsonBody<RegisterContractRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var municipality = caller.Municipality!.Value;
        var validated = ValidRegistration.Validate(body.Value, Guid.CreateVersion7(), municipality, body.Errors);
        if (validated is null) return Problems.BadRequest(body.Errors);

        var command = validated with
        {
            PolicyInForce = await SroiPolicies.InForceAsync(store, municipality, validated.AwardedOn, ct),
            Regions = Regions.ShippedRegions.All,
        };
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: true, ct, watchesPsoOf: caller.Municipality);
        return await writer.WriteAsync<ContractDocument, WrittenNew<ContractResponse>>(ContractWrites.Stream(command.ContractId, caller),
            caller, headers, body.Fingerprint, ValidRegistration.ReasonOf(command.Sroi), (document, version) =>
            {
                var before = document?.State ?? ContractState.Initial;
                return ContractWrites.Decide(before, version, ContractDecider.Decide(command, before), moment,
                    (after, newVersion) => Answers.Created(ContractView.From(after, newVersion), ContractView.PathOf(after.Id)));
            }, ct);
    }
}
