using System.Text.Json;
using System.Text;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

public sealed record ContractPage(IReadOnlyList<ContractResponse> Items, int Page, int PageSize, long Total);

/// <summary>GET endpoints, all answered from the contracts' documents (<see cref="ContractDocument"/>).</summary>
public static class ContractQueries
{
    private const int MaxPageSize = 100;

    /// <summary>The contract, or with <c>?asKnownOn=</c> as the ledger knew it then (<see cref="ContractReader.ReadAsync"/>).</summary>
    [WolverineGet("/api/v1/contracts/{id:guid}", OperationId = "getContract")]
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, ContractReader reader, CancellationToken ct)
    {
        var (document, _, problem) = await reader.ReadAsync(id, http, withReports: false, ct);
        if (problem is not null) return problem;
        ETags.Set(http.Response, document!.StreamVersion);
        return Results.Text(JsonSerializer.Serialize(ContractView.From(document), LedgerJson.Options), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// One SQL query over Marten's table of the documents (<see cref="ContractStorage"/>): the filters are its duplicated
    /// columns and <c>tenant_id</c> (the municipality), the status on today's date is <see cref="BalanceStatuses.On"/> written
    /// as a predicate over the fixed status, the first day behind and the end date. Newest award first, then by reference; the
    /// municipality breaks a tie an admin can see (one reference in two municipalities), so that pages do not overlap.
    /// </summary>
    [WolverineGet("/api/v1/contracts", OperationId = "listContracts")]
    public static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource db, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var caller = Caller.From(http);

        var where = new StringBuilder("true");
        var parameters = new List<object>();
        string Parameter(object value) { parameters.Add(value); return $"${parameters.Count}"; }
        void Where(string clause, object value) => where.Append($" AND {clause} {Parameter(value)}");

        var (municipality, forbidden) = MunicipalityScope.ForList(http, errors);
        if (municipality is { } code) Where("tenant_id =", code.Value);
        if (caller.Role == Role.Opdrachtnemer) Where("contractor_kvk =", caller.KvkNumber!.Value.Value);
        if (query["contractorKvk"].ToString() is { Length: > 0 } kvk)
        {
            if (KvkNumber.TryParse(kvk, out var number)) Where("contractor_kvk =", number.Value);
            else errors.Add("contractorKvk", "Expected exactly 8 digits.");
        }
        if (query["category"].ToString() is { Length: > 0 } category)
        {
            if (Parse<ContractCategory>(category) is { } c) Where("category =", ContractStorage.Column(c));
            else errors.Add("category", "One of werken, diensten, leveringen.");
        }
        // status: the contract's own (active, completed) or where its balance stands today (behind, on-track, …).
        if (query["status"].ToString() is { Length: > 0 } status)
        {
            if (Parse<ContractStatus>(status) is { } s) Where("status =", ContractStorage.Column(s));
            else if (Parse<BalanceStatus>(status) is { } b) where.Append(" AND ").Append(StatusOn(b, BusinessCalendar.Today(clock), Parameter));
            else errors.Add("status", "One of active, completed, " + string.Join(", ", KebabEnumConverter<BalanceStatus>.Names) + ".");
        }
        var (page, pageSize) = QueryParameters.Paging(http.Request, 20, MaxPageSize, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;

        await using var command = db.CreateCommand(
            // The list shows no reports: they are left in the table rather than read and parsed for nothing.
            $"SELECT data #- '{{state,fulfilments}}', count(*) OVER () FROM {ContractStorage.Table} WHERE {where} " +
            $"ORDER BY awarded_on DESC, reference, tenant_id LIMIT {pageSize} OFFSET {(page - 1) * pageSize}");
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });

        var serializer = store.Options.Serializer();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        long total = 0;
        // The writer's encoder, not the options', escapes what is serialised into it: the API's (€ and accents as they are).
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LedgerJson.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var document = serializer.FromJson<ContractDocument>(reader, 0);
                    JsonSerializer.Serialize(json, ContractView.From(document), LedgerJson.Options);
                    total = reader.GetInt64(1);
                }
            }
            json.WriteEndArray();
            json.WriteNumber("page", page);
            json.WriteNumber("pageSize", pageSize);
            // Past the last page the window count has no row to ride on: count separately.
            if (total == 0 && page > 1) total = await CountAsync(db, where.ToString(), parameters, ct);
            json.WriteNumber("total", total);
            json.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    /// <summary><see cref="BalanceStatuses.On"/> as a predicate over the duplicated columns, for one status and day.</summary>
    private static string StatusOn(BalanceStatus status, NodaTime.LocalDate today, Func<object, string> parameter) => status switch
    {
        BalanceStatus.Overdue => $"fixed_status IS NULL AND ends_on < {parameter(today)}",
        BalanceStatus.Behind => $"fixed_status IS NULL AND ends_on >= {parameter(today)} AND behind_from <= {parameter(today)}",
        BalanceStatus.OnTrack => $"fixed_status IS NULL AND ends_on >= {parameter(today)} AND (behind_from IS NULL OR behind_from > {parameter(today)})",
        _ => $"fixed_status = {parameter(ContractStorage.Column(status))}",
    };

    private static async Task<long> CountAsync(NpgsqlDataSource db, string where, List<object> parameters, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM {ContractStorage.Table} WHERE {where}");
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static T? Parse<T>(string text) where T : struct, Enum =>
        KebabEnumConverter<T>.TryParse(text, out var value) ? value : null;

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(ListAsync):
                chain.Describe("List contracts (filter: contractorKvk, category, status — active, completed, or a balance status such as behind; page, pageSize).").WithTags("Contracts").RequireRoles(ContractEndpoints.Readers)
                    .Produces<ContractPage>().ProducesValidationProblem();
                break;
            case nameof(GetAsync):
                chain.Describe("One contract with its obligation and amendments, or as known on `asKnownOn`; ETag is its version.").WithTags("Contracts").RequireRoles(ContractEndpoints.Readers)
                    .Produces<ContractResponse>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
