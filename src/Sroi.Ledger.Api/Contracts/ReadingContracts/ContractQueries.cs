using System.ComponentModel;
using System.Text;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

public sealed record ContractPage(IReadOnlyList<ContractListItem> Items, int Page, int PageSize,
    [property: Description("How many contracts match: exact up to " + ContractCount.ExactUpToText + "; beyond that PostgreSQL's estimate " +
        "(never below " + ContractCount.ExactUpToText + " + 1 nor below what this and the earlier pages hold), and `totalIsExact` is false.")]
    long Total,
    [property: Description("Whether `total` is exact (true up to " + ContractCount.ExactUpToText + " matches) or an estimate.")]
    bool TotalIsExact);

/// <summary>The filters and page of <c>GET /contracts</c>; each is optional, and every bad one is named in one 400.</summary>
public sealed record ContractListQuery
{
    [Description("Only this municipality's contracts (CBS code). A key bound to a municipality may name only its own; an admin, and a contractor key without a municipality (its own contracts), see all without it.")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("Only this contractor's contracts (KvK number).")]
    public QueryKvk? ContractorKvk { get; init; }

    [Description("Only contracts of this category.")]
    public QueryChoice<ContractCategory>? Category { get; init; }

    [Description("The contract's own status (active, completed) or where its balance stands today (behind, on-track, …).")]
    public ContractStatusFilter? Status { get; init; }

    [Description("Page number, from 1."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Contracts per page, 1 to 100."), DefaultValue(20)]
    public QueryWholeNumber? PageSize { get; init; }

    [Description("Search text (2 to 100 characters) found anywhere in the reference, the title, the contractor's name or KvK number; case and accents do not matter (cafe finds Café).")]
    public ContractSearchQuery? Q { get; init; }

    [Description("Only contracts awarded in this year (2000 to 2100).")]
    public QueryWholeNumber? AwardYear { get; init; }

    [Description("The order: awardedOn, reference or value, descending with a leading minus. Ties are broken by reference, then municipality, so pages never overlap."), DefaultValue("-awardedOn")]
    public ContractSortQuery? Sort { get; init; }
}

/// <summary><c>?status=</c> of the contract list: a contract status or a balance status, one vocabulary on the wire.</summary>
public readonly record struct ContractStatusFilter(string Text) : IQueryValue
{
    public static IReadOnlyList<string> Names { get; } = [.. QueryChoice<ContractStatus>.Names, .. QueryChoice<BalanceStatus>.Names];

    public static bool TryParse(string? text, IFormatProvider? provider, out ContractStatusFilter value) { value = new(text ?? ""); return text is not null; }

    public static Microsoft.OpenApi.OpenApiSchema Schema() => new()
    {
        Type = Microsoft.OpenApi.JsonSchemaType.String,
        Enum = [.. Names.Select(name => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(name))],
    };

    public ContractStatus? Contract => new QueryChoice<ContractStatus>(Text).TryRead();

    public BalanceStatus? Balance => new QueryChoice<BalanceStatus>(Text).TryRead();
}

/// <summary>GET endpoints, all answered from the contracts' documents (<see cref="ContractDocument"/>).</summary>
public static class ContractQueries
{
    private const int MaxPageSize = 100;
    private const int DefaultPageSize = 20;

    /// <summary>The contract, or with <c>?asKnownOn=</c> as the ledger knew it then (<see cref="ContractReader.ReadAsync"/>).</summary>
    public static async Task<Results<Versioned<ContractResponse>, ProblemHttpResult>> GetAsync(
        Guid id, [AsParameters] AsKnownOnQuery query, ClaimsPrincipal user, ContractReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var asKnownOn = query.Read(errors);
        if (errors.Any) return Problems.BadRequest(errors);
        var (document, _, problem) = await reader.ReadAsync(id, Caller.From(user), asKnownOn, withReports: false, ct);
        if (problem is not null) return problem;
        return LedgerResults.Versioned(ContractView.From(document!), document!.StreamVersion);
    }

    /// <summary>
    /// One SQL query over Marten's table of the documents (<see cref="ContractStorage"/>): the filters are its duplicated
    /// columns and <c>tenant_id</c> (the municipality), the status on today's date is <see cref="BalanceStatuses.On"/> written
    /// as a predicate over the fixed status, the first day behind and the end date; <c>q</c> is a LIKE over the folded search
    /// column (<see cref="ContractSearch"/>). Newest award first unless <c>sort</c> says otherwise; the reference and then the
    /// municipality break every tie (one reference in two municipalities, which an admin sees), so that pages do not overlap.
    /// </summary>
    public static async Task<Results<Ok<ContractPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] ContractListQuery query, ClaimsPrincipal user, NpgsqlDataSource db, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);

        var where = new StringBuilder("true");
        var parameters = new List<object>();
        string Parameter(object value) { parameters.Add(value); return $"${parameters.Count}"; }
        void Where(string clause, object value) => where.Append($" AND {clause} {Parameter(value)}");

        var (municipality, forbidden) = MunicipalityScope.ForList(caller, query.Municipality, errors);
        // A participant's WSP and auditor also list the regional contracts their municipality takes part in (issue 21).
        if (municipality is { } code)
            where.Append(" AND ").Append(ContractParticipants.OwnOrTakingPart("", Parameter(code.Value), ContractParticipants.ReadsParticipations(caller)));
        if (caller.Role == Role.Opdrachtnemer) Where("contractor_kvk =", caller.KvkNumber!.Value.Value);
        if (query.ContractorKvk?.Read("contractorKvk", errors) is { } kvk) Where("contractor_kvk =", kvk.Value);
        if (query.Category?.Read("category", errors) is { } category) Where("category =", ContractStorage.Column(category));
        // status: the contract's own (active, completed) or where its balance stands today (behind, on-track, …).
        if (query.Status is { } status)
        {
            if (status.Contract is { } s) Where("status =", ContractStorage.Column(s));
            else if (status.Balance is { } b) where.Append(" AND ").Append(StatusOn(b, BusinessCalendar.Today(clock), Parameter));
            else errors.Add("status", "One of " + string.Join(", ", ContractStatusFilter.Names) + ".");
        }
        // The folded text against the folded column (ContractSearch); its trigram index answers the LIKE.
        if (query.Q?.Read("q", errors) is { } search) Where("search_text LIKE", ContractSearch.ContainsPattern(search));
        if (query.AwardYear?.Read("awardYear", 2000, 2100, errors) is { } year)
        {
            Where("awarded_on >=", new NodaTime.LocalDate(year, 1, 1));
            Where("awarded_on <", new NodaTime.LocalDate(year + 1, 1, 1));
        }
        var orderBy = query.Sort is { } sort ? sort.Read("sort", errors) : ContractSortQuery.Default;
        var page = query.Page?.Read("page", 1, int.MaxValue / MaxPageSize, errors) ?? 1;
        var pageSize = query.PageSize?.Read("pageSize", 1, MaxPageSize, errors) ?? DefaultPageSize;
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        // The page's keys first, over the duplicated columns only (the default order from its own index,
        // contract_list_order.sql); then the documents of that page alone. The list shows no reports: they are left in the
        // table. No count rides on the page: count(*) OVER () ran the query to its last row (every contract of the
        // municipality) for a page of 20; ContractCount counts apart, up to a bound, in the same round trip as the page.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var pageSql = $"SELECT data #- '{{state,fulfilments}}' FROM (SELECT tenant_id, id FROM {ContractStorage.Table} " +
            $"WHERE {where} ORDER BY {orderBy} LIMIT {pageSize} OFFSET {(page - 1) * pageSize}) AS page " +
            $"JOIN {ContractStorage.Table} USING (tenant_id, id) ORDER BY {orderBy}";
        foreach (var sql in new[] { pageSql, ContractCount.BoundedSql(where.ToString()) })
        {
            var statement = new NpgsqlBatchCommand(sql);
            foreach (var value in parameters) statement.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(statement);
        }

        var serializer = store.Options.Serializer();
        var items = new List<ContractListItem>(pageSize);
        var today = BusinessCalendar.Today(clock);
        long counted;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                items.Add(new ContractListItem(serializer.FromJson<ContractDocument>(reader, 0), today));
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            counted = reader.GetInt64(0);
        }
        var (total, exact) = await ContractCount.TotalAsync(connection, counted, where.ToString(), parameters, (long)(page - 1) * pageSize + items.Count, ct);
        return TypedResults.Ok(new ContractPage(items, page, pageSize, total, exact));
    }

    /// <summary><see cref="BalanceStatuses.On"/> as a predicate over the duplicated columns, for one status and day.</summary>
    private static string StatusOn(BalanceStatus status, NodaTime.LocalDate today, Func<object, string> parameter) => status switch
    {
        BalanceStatus.Overdue => $"fixed_status IS NULL AND ends_on < {parameter(today)}",
        BalanceStatus.Behind => $"fixed_status IS NULL AND ends_on >= {parameter(today)} AND behind_from <= {parameter(today)}",
        BalanceStatus.OnTrack => $"fixed_status IS NULL AND ends_on >= {parameter(today)} AND (behind_from IS NULL OR behind_from > {parameter(today)})",
        _ => $"fixed_status = {parameter(ContractStorage.Column(status))}",
    };


}
