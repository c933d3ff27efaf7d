using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>The municipality of <c>POST /audit/checkpoints</c>: left out, every municipality.</summary>
public sealed record MakeCheckpointsQuery
{
    [Description("Only this municipality (CBS code); left out, every municipality.")]
    public QueryMunicipality? Municipality { get; init; }
}

/// <summary>The scope and page of <c>GET /audit/checkpoints</c>; every bad one is named in one 400.</summary>
public sealed record CheckpointListQuery
{
    [Description("Only this municipality's checkpoints (CBS code). An auditor may name only its own; an admin sees all without it.")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("Page number, from 1."), DefaultValue(1)]
    public QueryWholeNumber? Page { get; init; }

    [Description("Checkpoints per page, 1 to 100."), DefaultValue(CheckpointEndpoints.DefaultPageSize)]
    public QueryWholeNumber? PageSize { get; init; }
}

/// <summary>
/// POST /audit/checkpoints — an administrator has a checkpoint signed now (<see cref="Checkpointer"/>); GET
/// /audit/checkpoints — the signed checkpoints, newest first, for an auditor to keep copies of; GET /audit/public-key —
/// the key they are verified with.
/// </summary>
public static class CheckpointEndpoints
{
    public const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static async Task<Results<Ok<CheckpointRun>, ProblemHttpResult, RetryLater>> MakeAsync(
        [AsParameters] MakeCheckpointsQuery query, Checkpointer checkpointer, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var municipality = query.Municipality is { Text.Length: > 0 } named ? named.Read("municipality", errors) : null;
        if (errors.Any) return Problems.BadRequest(errors);
        return await checkpointer.MakeAsync(municipality, evenIfUnchanged: true, ct) switch
        {
            null => RetryLater.Unavailable("Appends kept running through every attempt to take a consistent snapshot; try again.", 5),
            { Refused.Count: > 0 } run => Refused(run),
            var run => TypedResults.Ok(run),
        };
    }

    /// <summary>
    /// 422 <c>checkpoint.refused</c>: each refused municipality with its code, reason and discrepancies (<c>refused</c>), and
    /// the checkpoints signed in the same round for the others (<c>checkpoints</c>).
    /// </summary>
    private static ProblemHttpResult Refused(CheckpointRun run) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "No checkpoint is signed over this ledger.",
        detail: string.Join(" ", run.Refused.Select(r => $"{r.Municipality}: {r.Reason}")),
        type: "https://sroi-ledger.nl/problems/checkpoint.refused",
        extensions: new Dictionary<string, object?>
        {
            ["code"] = "checkpoint.refused",
            ["refused"] = System.Text.Json.JsonSerializer.SerializeToNode(run.Refused, LedgerJson.Options),
            ["checkpoints"] = System.Text.Json.JsonSerializer.SerializeToNode(run.Checkpoints, LedgerJson.Options),
        });

    public static async Task<Results<Ok<CheckpointPage>, ProblemHttpResult>> ListAsync(
        [AsParameters] CheckpointListQuery query, ClaimsPrincipal user, Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = AuditScope.Of(Caller.From(user), query.Municipality, errors);
        var page = query.Page?.Read("page", 1, int.MaxValue / MaxPageSize, errors) ?? 1;
        var pageSize = query.PageSize?.Read("pageSize", 1, MaxPageSize, errors) ?? DefaultPageSize;
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        var (items, total) = await CheckpointTable.PageAsync(db, municipality?.Value, page, pageSize, ct);
        return TypedResults.Ok(new CheckpointPage([.. items.Select(c => c.ToResponse())], page, pageSize, total));
    }

    public static Ok<PublicKeyResponse> PublicKey(CheckpointKey key) =>
        TypedResults.Ok(new PublicKeyResponse(CheckpointKey.Algorithm, key.PublicKeyPem, key.Fingerprint));
}
