using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates.ListingCandidates;

/// <summary>
/// GET /api/v1/candidates: one municipality's candidates, filtered and paged in SQL, by number.
/// <para>
/// Read from the candidates' inline fold (<see cref="CandidateDocument"/>, Marten's <c>mt_doc_candidatedocument</c>), not from
/// the report tables: the items are then mapped by <see cref="CandidateView"/> exactly as <c>GET /candidates/{n}</c> maps the
/// same document (trede, act, service and version cannot disagree between the list and the page), and the version is the
/// document's, which no report table holds. The filters are predicates over the document's JSON, written as the state's own
/// properties are (<see cref="CandidateState.Trede"/>, <see cref="CandidateState.BenefitAct"/>, <see cref="CandidateState.ServedByWsp"/>:
/// the last entry of each list), within one tenant (the conjoined table's <c>tenant_id</c>): a municipality's candidates are
/// thousands, not millions, so no duplicated column (and no backfill of the stored documents) is needed for them.
/// </para>
/// </summary>
public static class CandidateListEndpoint
{
    private const string Table = "mt_doc_candidatedocument";

    // The state's properties in SQL; C# and SQL read the same JSON (camelCase names, kebab-case enums: LedgerJson).
    private const string Trede = "(data->'state'->'treden'->-1->>'trede')::int";
    private const string Served = "coalesce((data->'state'->'wspService'->-1->>'served')::boolean, true)";
    private const string Act = "coalesce(data->'state'->'benefitActs'->-1->>'benefitAct', 'participatiewet')";
    // As CandidateView: only a municipal benefit has an act.
    private const string HasMunicipalBenefit = "data->'state'->>'targetGroup' = 'participatiewet' AND data->'state'->>'benefitSince' IS NOT NULL";

    public static async Task<Results<Ok<CandidatePage>, ProblemHttpResult>> HandleAsync(
        [AsParameters] CandidateListQuery query, ClaimsPrincipal user, NpgsqlDataSource db, Marten.IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);
        var (municipality, forbidden) = MunicipalityScope.ForList(caller, query.Municipality, errors);
        // One municipality's list: an admin names it (the numbers of two municipalities are no one list).
        if (municipality is null && query.Municipality is not { Text.Length: > 0 })
            errors.Add(MunicipalityScope.Parameter, "Required for an admin key.");

        var where = new StringBuilder("tenant_id = $1");
        var parameters = new List<object> { municipality?.Value ?? "" };
        void Where(string clause, object value) { parameters.Add(value); where.Append($" AND {clause} ${parameters.Count}"); }

        // The stream's name starts with the number (candidate-GM0603-…): the prefix is the id's. Its alphabet needs no escaping.
        if (query.Q?.Read("q", errors) is { } prefix) Where("lower(id) LIKE", $"candidate-{municipality}-{prefix}%".ToLowerInvariant());
        if (query.Trede?.Read("trede", 1, 6, errors) is { } trede) Where($"{Trede} =", trede);
        if (query.BenefitAct?.Read("benefitAct", errors) is { } act) Where($"{HasMunicipalBenefit} AND {Act} =", CandidateReportTables.Kebab(act));
        if (query.ServedByWsp?.Read("servedByWsp", errors) is { } served) Where($"{Served} =", served);
        var (page, pageSize) = QueryPaging.Read(query.Page, query.PageSize, ListPageQuery.DefaultPageSize, ListPageQuery.MaxPageSize, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        // By number, byte by byte (COLLATE "C": the same order whatever the database's locale); within one tenant the id
        // orders as the number does. The page's keys and the count first, then the page's documents alone.
        const string order = "id COLLATE \"C\"";
        await using var command = db.CreateCommand(
            $"SELECT data, total FROM (SELECT tenant_id, id, count(*) OVER () AS total FROM {Table} WHERE {where} " +
            $"ORDER BY {order} LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}) AS page JOIN {Table} USING (tenant_id, id) ORDER BY {order}");
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });

        var serializer = store.Options.Serializer();
        var items = new List<CandidateListItem>(pageSize);
        long total = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(CandidateListItem.From(serializer.FromJson<CandidateDocument>(reader, 0)));
                total = reader.GetInt64(1);
            }
        }
        // Past the last page the window count has no row to ride on: count separately.
        if (total == 0 && page > 1)
        {
            await using var count = db.CreateCommand($"SELECT count(*) FROM {Table} WHERE {where}");
            foreach (var value in parameters) count.Parameters.Add(new NpgsqlParameter { Value = value });
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        return TypedResults.Ok(new CandidatePage(items, page, pageSize, total));
    }
}
