using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Fulfilments;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Balance;

/// <summary>
/// GET /api/v1/contracts/{id}/balance — obligation, accepted, pending, rejected, remaining, percentage, value per
/// kind, and the status today (Europe/Amsterdam), from the contract's document (its balance, folded with it). With <c>?asKnownOn=</c> (an instant; alias <c>knownOn</c>)
/// the balance as the ledger knew it then: the same fold over the contract's events recorded up to that moment, and
/// the status on that moment's date — so an auditor can reproduce a figure that was published.
/// </summary>
public static class ContractBalanceEndpoint
{
    [WolverineGet("/api/v1/contracts/{id:guid}/balance", OperationId = "getContractBalance")]
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, ContractReader reader, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var knownOn = QueryParameters.OptionalAsKnownOn(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        var document = await reader.FindVisibleWithoutReportsAsync(id, http, ct);
        if (document is null) return Problems.NotFound($"Contract {id}");

        if (knownOn is { } moment)
        {
            var then = await reader.KnownOnAsync(document, moment, ct);
            if (then is null) return Problems.NotFound($"Contract {id} as known on {moment}");
            return Answer(http, then, BusinessCalendar.DateOf(moment), moment);
        }
        return Answer(http, document, BusinessCalendar.Today(clock), null);
    }

    private static IResult Answer(HttpContext http, ContractDocument document, LocalDate asOf, Instant? knownOn)
    {
        var b = document.Balance;
        // In the order of the kinds, whatever order the stored document's object keeps them in (jsonb sorts its keys).
        var byKind = Enum.GetValues<FulfilmentKind>().ToDictionary(kind => kind, kind => b.ByKind[kind]);
        ETags.Set(http.Response, document.StreamVersion);
        return Results.Json(new BalanceResponse(document.State.Id, asOf, knownOn, b.StatusOn(asOf), b.Applies, b.Obligation, b.Accepted,
            b.Pending, b.Rejected, b.Remaining, b.Percentage, byKind, b.Settlement, b.StartsOn, b.EndsOn, b.Accepted, b.Percentage,
            document.StreamVersion), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Obligation, accepted, pending, rejected, remaining, percentage, value per kind and the status today; or as known on `asKnownOn` (alias `knownOn`).").WithTags("Contracts").RequireRoles(ContractEndpoints.Readers)
            .Produces<BalanceResponse>().ProducesProblem(StatusCodes.Status404NotFound);
}
