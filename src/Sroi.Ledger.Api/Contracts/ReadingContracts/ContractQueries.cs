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

/// <summary>GET endpoints, all answered from the contracts read table.</summary>
public static class ContractQueries
{
    private const int MaxPageSize = 100;

    [WolverineGet("/api/v1/contracts/{id:guid}", OperationId = "getContract")]
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, ContractReader reader, CancellationToken ct)
    {
        var row = await reader.FindVisibleAsync(id, http, ct);
        if (row is null) return Problems.NotFound($"Contract {id}");
        ETags.Set(http.Response, row.Version);
        return Results.Text(row.Document, "application/json", Encoding.UTF8);
    }

    [WolverineGet("/api/v1/contracts", OperationId = "listContracts")]
    public static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var caller = Caller.From(http);

        var where = new StringBuilder("true");
        var parameters = new List<object>();
        void Where(string clause, object value) { parameters.Add(value); where.Append($" AND {clause} ${parameters.Count}"); }

        if (caller.Role != Role.Admin) Where("municipality =", caller.Municipality!.Value.Value);
        else if (QueryParameters.OptionalMunicipality(http.Request, errors) is { } code) Where("municipality =", code.Value);
        if (caller.Role == Role.Opdrachtnemer) Where("contractor_kvk =", caller.KvkNumber!.Value.Value);
        if (query["contractorKvk"].ToString() is { Length: > 0 } kvk)
        {
            if (KvkNumber.TryParse(kvk, out var number)) Where("contractor_kvk =", number.Value);
            else errors.Add("contractorKvk", "Expected exactly 8 digits.");
        }
        if (query["category"].ToString() is { Length: > 0 } category)
        {
            if (Parse<ContractCategory>(category) is { } c) Where("category =", ContractProjection.Kebab(c));
            else errors.Add("category", "One of werken, diensten, leveringen.");
        }
        // status: the contract's own (active, completed) or where its balance stands today (behind, on-track, …).
        if (query["status"].ToString() is { Length: > 0 } status)
        {
            if (Parse<ContractStatus>(status) is { } s) Where("status =", ContractProjection.Kebab(s));
            else if (Parse<BalanceStatus>(status) is { } b)
            {
                parameters.Add(BusinessCalendar.Today(clock).ToDateOnly());
                Where($"sroi_balance_status(fixed_status, behind_from, ends_on, ${parameters.Count}) =", ContractProjection.Kebab(b));
            }
            else errors.Add("status", "One of active, completed, " + string.Join(", ", KebabEnumConverter<BalanceStatus>.Names) + ".");
        }
        var page = PositiveInt(query["page"], "page", 1, int.MaxValue / MaxPageSize, errors);
        var pageSize = PositiveInt(query["pageSize"], "pageSize", 20, MaxPageSize, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        await using var command = db.CreateCommand(
            $"SELECT document::text, count(*) OVER () FROM contracts WHERE {where} " +
            $"ORDER BY awarded_on DESC, reference LIMIT {pageSize} OFFSET {(page - 1) * pageSize}");
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });

        // The documents are already API JSON: write them through without a parse-and-serialise round trip.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        long total = 0;
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    json.WriteRawValue(reader.GetString(0), skipInputValidation: true);
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

    private static async Task<long> CountAsync(NpgsqlDataSource db, string where, List<object> parameters, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM contracts WHERE {where}");
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static T? Parse<T>(string text) where T : struct, Enum =>
        KebabEnumConverter<T>.TryParse(text, out var value) ? value : null;

    private static int PositiveInt(Microsoft.Extensions.Primitives.StringValues raw, string field, int fallback, int max, FieldErrors errors)
    {
        if (raw.Count == 0) return fallback;
        if (int.TryParse(raw.ToString(), out var value) && value >= 1 && value <= max) return value;
        errors.Add(field, $"A whole number from 1 to {max}.");
        return fallback;
    }

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
                chain.Describe("One contract with its obligation and amendments; ETag is its version.").WithTags("Contracts").RequireRoles(ContractEndpoints.Readers)
                    .Produces<ContractResponse>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
