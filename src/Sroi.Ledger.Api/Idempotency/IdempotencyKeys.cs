using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Idempotency;

/// <summary>A POST that carried an Idempotency-Key: the caller, the key and a fingerprint of the request.</summary>
public sealed record IdempotentRequest(string Caller, string Key, byte[] Fingerprint);

/// <summary>The first response to an idempotent request, replayed verbatim to every repeat.</summary>
public sealed record StoredResponse(int StatusCode, string? Location, string? ETag, string Body);

/// <summary>
/// Idempotency-Key handling. The first response is inserted in the same transaction as the events (see
/// <see cref="Record"/>); the primary key decides a race, never a check-then-insert.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    private const string PrimaryKey = "idempotency_keys_pkey";

    /// <summary>
    /// The request's Idempotency-Key as bound from its header (null: none sent), or the 400 naming it. Keys are scoped
    /// per caller: a key's id (as stored before people signed in), a person's actor (<c>person:…</c>, never a key id).
    /// </summary>
    public static (IdempotentRequest? Request, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem) From(string? header, Caller caller, byte[] fingerprint)
    {
        var (key, problem) = TracingHeaders.Read(header, Header, keepGenerated: true);
        return key is null ? (null, problem) : (new IdempotentRequest(caller.KeyId ?? caller.Actor, key, fingerprint), null);
    }

    /// <summary>
    /// The first response stored for this key (null: none yet), or the 422 when the key came with another request: what
    /// a repeat is answered with.
    /// </summary>
    public static async Task<(StoredResponse? Stored, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Reused)> FindAsync(
        NpgsqlDataSource db, IdempotentRequest request, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT request_hash, status_code, location, etag, body FROM idempotency_keys WHERE caller = $1 AND key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = request.Caller });
        command.Parameters.Add(new NpgsqlParameter { Value = request.Key });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return (null, null);
        if (!reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(request.Fingerprint))
            return (null, Problems.RuleViolated(new Domain.Shared.RuleViolation("idempotency.key-reused",
                "This Idempotency-Key was already used for a different request.", Header)));
        return (new StoredResponse(
            reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)), null);
    }

    public static NpgsqlBatchCommand Record(IdempotentRequest request, StoredResponse response)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO idempotency_keys (caller, key, request_hash, status_code, location, etag, body)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = request.Caller });
        command.Parameters.Add(new NpgsqlParameter { Value = request.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = request.Fingerprint });
        command.Parameters.Add(new NpgsqlParameter { Value = response.StatusCode });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.Location ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)response.ETag ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = response.Body });
        return command;
    }

    /// <summary>True when a concurrent request with the same key committed first.</summary>
    public static bool LostRace(PostgresException e) => e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PrimaryKey };
}

public static class StoredResponseWriting
{
    public static async Task Write(this StoredResponse response, HttpContext http, bool replayed = false)
    {
        http.Response.StatusCode = response.StatusCode;
        if (response.Location is not null) http.Response.Headers.Location = response.Location;
        if (response.ETag is not null) http.Response.Headers.ETag = response.ETag;
        if (replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(response.Body);
    }
}
