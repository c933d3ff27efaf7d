using System.Text.Json;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Balance;

/// <summary>
/// GET /api/v1/contracts/{id}/balance — obligation, accepted, pending, rejected, remaining, percentage, value per
/// kind, and the status today (Europe/Amsterdam), from the contract's read row. With <c>?knownOn=</c> (an instant)
/// the balance as the ledger knew it then: the contract's events recorded up to that moment, folded, and the
/// status on that moment's date — so an auditor can reproduce a figure that was published.
/// </summary>
public static class ContractBalanceEndpoint
{
    [WolverineGet("/api/v1/contracts/{id:guid}/balance", OperationId = "getContractBalance")]
    public static async Task<IResult> GetAsync(
        Guid id, HttpContext http, ContractReader reader, LedgerEvents store, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var knownOn = QueryParameters.OptionalKnownOn(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        var row = await reader.FindVisibleAsync(id, http, ct);
        if (row is null) return Problems.NotFound($"Contract {id}");

        if (knownOn is { } moment)
        {
            var recorded = await store.ReadStreamAsync(Domain.Shared.MunicipalityCode.Parse(row.Municipality), ContractEventTypes.StreamOf(id), recordedUpTo: moment, ct: ct);
            if (recorded.Count == 0) return Problems.NotFound($"Contract {id} as known on {moment}");
            var balance = ContractBalance.Of(ContractDecider.Fold(recorded.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data))));
            var asOf = BusinessCalendar.DateOf(moment);
            return Answer(http, id, asOf, moment, balance.StatusOn(asOf), StoredBalance.Of(balance), balance.StartsOn, balance.EndsOn,
                recorded[^1].StreamVersion);
        }

        var stored = JsonSerializer.Deserialize<StoredBalance>(row.Balance, LedgerJson.Options)!;
        var today = BusinessCalendar.Today(clock);
        return Answer(http, id, today, null, BalanceStatuses.On(FixedStatusOf(row.FixedStatus), row.BehindFrom, row.EndsOn, today), stored,
            row.StartsOn, row.EndsOn, row.Version);
    }

    private static IResult Answer(HttpContext http, Guid id, LocalDate asOf, Instant? knownOn, BalanceStatus status, StoredBalance b,
        LocalDate startsOn, LocalDate endsOn, long version)
    {
        ETags.Set(http.Response, version);
        return Results.Json(new BalanceResponse(id, asOf, knownOn, status, b.ObligationApplies, b.Obligation, b.Accepted, b.Pending, b.Rejected,
            b.Remaining, b.Percentage, b.ByKind, b.Settlement, startsOn, endsOn, b.Accepted, b.Percentage, version), LedgerJson.Options);
    }

    private static BalanceStatus? FixedStatusOf(string? text) =>
        KebabEnumConverter<BalanceStatus>.TryParse(text, out var status) ? status : null;

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Obligation, accepted, pending, rejected, remaining, percentage, value per kind and the status today; or as known on `knownOn`.").WithTags("Contracts").RequireRoles(ContractEndpoints.Readers)
            .Produces<BalanceResponse>().ProducesProblem(StatusCodes.Status404NotFound);
}
