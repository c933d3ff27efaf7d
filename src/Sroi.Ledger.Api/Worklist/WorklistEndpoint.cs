using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Worklist;

/// <summary>
/// The WSP's worklist: contracts behind, overdue or due for settlement, and reports waiting for review, oldest first.
/// Filtered, ordered and paged in SQL over the contracts' rows (<see cref="WorklistQuery"/>); the statuses are the
/// balance's own rules written over the same duplicated columns the contract list filters on, so the list and the
/// balance cannot disagree.
/// </summary>
public static class WorklistEndpoint
{
    public static readonly Role[] Readers = [Role.Wsp, Role.Admin];

    public static async Task<Results<Ok<WorklistPage>, ProblemHttpResult>> GetAsync([AsParameters] MunicipalityQuery scope, [AsParameters] ListPageQuery paging,
        [AsParameters] WorklistKindQuery only, ClaimsPrincipal user, NpgsqlDataSource db, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = MunicipalityScope.ForList(Caller.From(user), scope, errors);
        var (page, pageSize) = paging.Read(errors);
        var kind = only.Kind?.Read("kind", errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        // Each contract is held to the monitoring terms of its policy. A municipality's list reads them from the stored
        // settlement due date (WorklistQuery's arms), so it loads no policy: before, a WSP's request read every
        // municipality's policy document for nothing (issue 23). An admin's list of every municipality is the scan, which
        // looks each contract's repair period up in the policies: all of them, one small document each.
        var caller = Caller.From(user);
        var takingPart = ContractParticipants.ReadsParticipations(caller);
        var policies = municipality is null
            ? await MunicipalityDocuments.OneOrAllAsync<SroiPolicyDocument>(store, null, PolicyEvents.StreamOf, ct)
            : [];
        var query = new WorklistQuery(BusinessCalendar.Today(clock), municipality, kind, page, pageSize, [.. policies.Select(p => p.History)])
        {
            TakingPart = takingPart,
            ReportsApart = await Contracts.ReportsApart.ReportsApartSwitch.SeenOnAsync(db, ct),
        };
        return TypedResults.Ok(await query.ReadAsync(db, store, ct));
    }
}

/// <summary><c>?kind=</c> of the worklist: one kind of item only, counted and paged on its own (the web page's filter).</summary>
public sealed record WorklistKindQuery
{
    [Description("Only items of this kind; total and pages count those only.")]
    public QueryChoice<WorklistKind>? Kind { get; init; }
}
