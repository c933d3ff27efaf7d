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
/// Read from the contracts' documents (<see cref="ContractStorage"/>): SQL picks the contracts that may have an item today —
/// no fixed status and past their first day behind or their end, or a pending report — and <see cref="WorklistItems"/> says
/// which items each has, by the balance's own status rules, so the list and the balance cannot disagree.
/// </summary>
public static class WorklistEndpoint
{
    public static readonly Role[] Readers = [Role.Wsp, Role.Admin];

    public static async Task<Results<Ok<WorklistPage>, ProblemHttpResult>> GetAsync([AsParameters] MunicipalityQuery scope, [AsParameters] ListPageQuery paging,
        [AsParameters] WorklistKindQuery only, ClaimsPrincipal user, NpgsqlDataSource db, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = BusinessCalendar.Today(clock);

        var query = new FilteredQuery($"SELECT data FROM {ContractStorage.Table} WHERE " +
            "((fixed_status IS NULL AND (ends_on < $1 OR behind_from <= $1)) " +
            """OR data @? '$.state.fulfilments.inOrder[*] ? (@.status == "pending")')""", today);
        var (municipality, forbidden) = MunicipalityScope.ForList(Caller.From(user), scope, errors);
        if (municipality is { } code) query.And("tenant_id = ?", code.Value);
        var (page, pageSize) = paging.Read(errors);
        var kind = only.Kind?.Read("kind", errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        // The items are ordered and paged here, not in SQL: they come from the documents' state (a contract has one standing
        // and any number of pending reports), and a municipality has hundreds of open contracts, not millions.
        var documents = new List<ContractDocument>();
        await using (var command = query.CommandOn(db))
        {
            var serializer = store.Options.Serializer();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) documents.Add(serializer.FromJson<ContractDocument>(reader, 0));
        }
        // Each contract is held to the monitoring terms of its policy: one policy read per municipality on the list.
        var policies = new Dictionary<MunicipalityCode, SroiPolicyHistory>();
        foreach (var each in documents.Select(d => d.State.Municipality).Distinct())
            policies[each] = await SroiPolicies.HistoryAsync(store, each, ct);
        var items = documents.SelectMany(d => WorklistItems.Of(d,
            policies[d.State.Municipality].MonitoringTermsFor(d.State.Obligation?.PolicyVersion, d.State.AwardedOn), today))
            .Where(i => kind is null || i.Kind == kind).ToList();
        var pageItems = WorklistItems.Ordered(items).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return TypedResults.Ok(new WorklistPage(pageItems, page, pageSize, items.Count));
    }
}

/// <summary><c>?kind=</c> of the worklist: one kind of item only, counted and paged on its own (the web page's filter).</summary>
public sealed record WorklistKindQuery(
    [property: Description("Only items of this kind; total and pages count those only.")] QueryChoice<WorklistKind>? Kind);
