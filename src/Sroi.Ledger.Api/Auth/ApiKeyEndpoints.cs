using System.ComponentModel.DataAnnotations;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Database;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Auth;

[RequiredWhen("municipality", "role is not admin, opdrachtnemer or regiocoordinator (a contractor key without one reads its own contracts in every municipality)"), RequiredWhen("kvkNumber", "role is opdrachtnemer (refused with the others)"),
 RequiredWhen("regions", "role is regiocoordinator (refused with the others)")]
public sealed record IssueApiKeyRequest(
    [property: Required] Role? Role,
    [property: RegularExpression(MunicipalityCode.Pattern)] string? Municipality,
    [property: RegularExpression(KvkNumber.Pattern)] string? KvkNumber,
    [property: MaxLength(200)] string? Description,
    [property: System.ComponentModel.Description("A regional coordinator's regions (GET /regions codes such as haaglanden): the regions whose reports the key reads.")]
    IReadOnlyList<string>? Regions = null);

/// <summary>An issued key. <see cref="Key"/> is only ever filled in the response that issues it.</summary>
/// <param name="Regions">A regional coordinator's regions; null for every other role.</param>
public sealed record ApiKeyResponse(
    Guid Id, string? Key, Role Role, string? Municipality, string? KvkNumber, string? Description,
    Instant CreatedAt, string CreatedBy, Instant? RevokedAt, IReadOnlyList<string>? Regions = null);

/// <summary>Issuing, listing and revoking API keys (admin only). Keys are access data, not ledger facts, so a plain table.</summary>
public static class ApiKeyEndpoints
{
    public static async Task<Results<Created<ApiKeyResponse>, ProblemHttpResult>> IssueAsync(
        JsonBody<IssueApiKeyRequest> body, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        errors.Required("role", request.Role);
        MunicipalityCode? municipality = null;
        if (request.Municipality is not null)
        {
            if (MunicipalityCode.TryParse(request.Municipality, out var code)) municipality = code;
            else errors.Add("municipality", "Expected a CBS municipality code such as GM0603.");
        }
        // What the role asks of the other fields is judged only against a role that was given and read: a misspelt
        // role ("contractor") is its own error, not also a reason to call the municipality or KvK number wrong.
        // A contractor's key without a municipality is the contractor as an organisation: its own contracts in every
        // municipality (Caller.MaySee). Every other role but admin acts for one municipality.
        else if (request.Role is { } given && given is not Role.Admin and not Role.Opdrachtnemer and not Role.Regiocoordinator)
            errors.Add("municipality", "Required for every role but admin and opdrachtnemer.");
        // A regional coordinator reads its regions' reports and no municipality's ledger (issue 21): bound to regions only.
        if (request.Role == Role.Regiocoordinator && request.Municipality is not null)
            errors.Add("municipality", "A regiocoordinator key is bound to regions, not to a municipality.");
        var regions = RegionBinding.Read(request.Role, request.Regions, errors);

        KvkNumber? kvk = null;
        if (request.Role == Role.Opdrachtnemer)
        {
            if (KvkNumber.TryParse(request.KvkNumber, out var number)) kvk = number;
            else errors.Add("kvkNumber", request.KvkNumber is null ? "Required for role opdrachtnemer." : "Expected exactly 8 digits.");
        }
        else if (request.Role is not null && request.KvkNumber is not null)
            errors.Add("kvkNumber", "Only a key of role opdrachtnemer is bound to a KvK number.");
        errors.OptionalText("description", request.Description, 200);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var secret = ApiKeys.NewSecret();
        var response = new ApiKeyResponse(Guid.CreateVersion7(), secret, request.Role!.Value, municipality?.Value, kvk?.Value,
            request.Description, clock.GetCurrentInstant(), caller.Actor, null, regions);

        await using var command = db.CreateCommand("""
            INSERT INTO api_keys (id, key_hash, role, municipality, kvk_number, description, created_at, created_by, regions)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = response.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeys.Hash(secret) });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Role.ToString().ToLowerInvariant() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Municipality ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.KvkNumber ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Description ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = response.CreatedAt.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter { Value = response.CreatedBy });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)regions?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct));

        return TypedResults.Created($"/api/v1/api-keys/{response.Id}", response);
    }

    public static async Task<Ok<List<ApiKeyResponse>>> ListAsync(NpgsqlDataSource db, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, null, ct));

    /// <summary>One key without its secret: what the Location of <see cref="IssueAsync"/>'s 201 points at.</summary>
    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(Guid id, NpgsqlDataSource db, CancellationToken ct) =>
        await ReadAsync(db, id, ct) is [var key] ? TypedResults.Ok(key) : Problems.NotFound($"API key {id}");

    private static async Task<List<ApiKeyResponse>> ReadAsync(NpgsqlDataSource db, Guid? id, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT id, role, municipality, kvk_number, description, created_at, created_by, revoked_at, regions
            FROM api_keys WHERE $1::uuid IS NULL OR id = $1 ORDER BY created_at, id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var list = new List<ApiKeyResponse>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new ApiKeyResponse(
                reader.GetGuid(0), null, Enum.Parse<Role>(reader.GetString(1), ignoreCase: true),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), Instant.FromDateTimeUtc(reader.GetDateTime(5)),
                reader.GetString(6), reader.IsDBNull(7) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(7)),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<string[]>(8)));
        }
        return list;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, ClaimsPrincipal user, NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        // Revoking twice is harmless: the first revocation's time and author stay.
        await using var command = db.CreateCommand("""
            UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2), revoked_by = coalesce(revoked_by, $3) WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant().ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter { Value = Caller.From(user).Actor });
        return await DatabaseFailure.CommitAsync(() => command.ExecuteNonQueryAsync(ct)) == 0 ? Problems.NotFound($"API key {id}") : TypedResults.NoContent();
    }
}
