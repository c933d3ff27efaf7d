using System.Text;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Fulfilments.Reading;

public sealed record FulfilmentPage(IReadOnlyList<FulfilmentResponse> Items, long Total);

/// <summary>GET the reports of a contract, answered from the fulfilments read table; a contract the caller may not see is 404.</summary>
public static class FulfilmentQueries
{
    [WolverineGet("/api/v1/contracts/{id:guid}/fulfilments", OperationId = "listFulfilments")]
    public static async Task<IResult> ListAsync(Guid id, HttpContext http, ContractReader reader, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!await VisibleAsync(id, http, reader, ct)) return Problems.NotFound($"Contract {id}");
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var status = Filter<FulfilmentStatus>(query["status"], "status", errors);
        var kind = Filter<FulfilmentKind>(query["kind"], "kind", errors);
        if (errors.Any) return Problems.BadRequest(errors);

        await using var command = db.CreateCommand("""
            SELECT document::text FROM fulfilments
            WHERE contract_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
            ORDER BY id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });

        // The documents are already API JSON: written through as they are.
        var json = new StringBuilder("{\"items\":[");
        var total = 0;
        await using (var rows = await command.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                if (total++ > 0) json.Append(',');
                json.Append(rows.GetString(0));
            }
        }
        json.Append("],\"total\":").Append(total).Append('}');
        return Results.Text(json.ToString(), "application/json", Encoding.UTF8);
    }

    [WolverineGet("/api/v1/contracts/{id:guid}/fulfilments/{fid:guid}", OperationId = "getFulfilment")]
    public static async Task<IResult> GetAsync(Guid id, Guid fid, HttpContext http, ContractReader reader, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!await VisibleAsync(id, http, reader, ct)) return Problems.NotFound($"Contract {id}");
        await using var command = db.CreateCommand("SELECT document::text FROM fulfilments WHERE id = $1 AND contract_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = fid });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(ct) is string document
            ? Results.Text(document, "application/json", Encoding.UTF8)
            : Problems.NotFound($"Report {fid} of contract {id}");
    }

    private static async Task<bool> VisibleAsync(Guid id, HttpContext http, ContractReader reader, CancellationToken ct) =>
        await reader.FindAsync(id, ct) is { } row
        && Caller.From(http).MaySee(MunicipalityCode.Parse(row.Municipality), KvkNumber.Parse(row.ContractorKvk));

    private static string? Filter<T>(Microsoft.Extensions.Primitives.StringValues raw, string field, FieldErrors errors) where T : struct, Enum
    {
        if (raw.ToString() is not { Length: > 0 } text) return null;
        if (KebabEnumConverter<T>.TryParse(text, out _)) return text;
        errors.Add(field, $"One of {string.Join(", ", KebabEnumConverter<T>.Names)}.");
        return null;
    }

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(ListAsync):
                chain.Describe("The contract's reports in the order they were made (filter: status, kind).").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Readers)
                    .Produces<FulfilmentPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
                break;
            case nameof(GetAsync):
                chain.Describe("One report with its value, table version, breakdown and review.").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Readers)
                    .Produces<FulfilmentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
