using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>POST /api/v1/audit/checkpoints[?municipality=] — an administrator has a checkpoint signed now (<see cref="Checkpointer"/>).</summary>
public static class MakeCheckpointsEndpoint
{
    [WolverinePost("/api/v1/audit/checkpoints", OperationId = "makeCheckpoints")]
    public static async Task<IResult> HandleAsync(HttpContext http, Checkpointer checkpointer, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var municipality = QueryParameters.OptionalMunicipality(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        return await checkpointer.MakeAsync(municipality, evenIfUnchanged: true, ct) switch
        {
            null => Problems.Unavailable(http, "Appends kept running through every attempt to take a consistent snapshot; try again.", 5),
            { Refused.Count: > 0 } run => Refused(run),
            var run => Results.Json(run, LedgerJson.Options),
        };
    }

    /// <summary>
    /// 422 <c>checkpoint.refused</c>: each refused municipality with its code, reason and discrepancies (<c>refused</c>), and
    /// the checkpoints signed in the same round for the others (<c>checkpoints</c>).
    /// </summary>
    private static IResult Refused(CheckpointRun run) => Results.Problem(
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

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Sign a checkpoint now for every municipality (or the one named): each stream's chain head and the global position. A municipality whose ledger holds a broken chain or events no signed commit covers, or no longer extends its newest checkpoint, is refused: 422 checkpoint.refused with each refusal's code, reason and discrepancies (and the checkpoints signed for the others). Each checkpoint signed, and each refusal, is also a notification (checkpoint.signed, checkpoint.refused) to the municipality's auditors.")
        .WithTags("Audit").RequireRoles(Role.Admin)
        .Produces<CheckpointRun>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>GET /api/v1/audit/checkpoints — the signed checkpoints, newest first, for an auditor to keep copies of.</summary>
public static class ListCheckpointsEndpoint
{
    private const int MaxPageSize = 100;

    [WolverineGet("/api/v1/audit/checkpoints", OperationId = "listCheckpoints")]
    public static async Task<IResult> HandleAsync(HttpContext http, Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = AuditScope.Of(http, errors);
        var (page, pageSize) = QueryParameters.Paging(http.Request, 20, MaxPageSize, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        var (items, total) = await CheckpointTable.PageAsync(db, municipality?.Value, page, pageSize, ct);
        return Results.Json(new CheckpointPage([.. items.Select(c => c.ToResponse())], page, pageSize, total), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "The signed checkpoints, newest first (an auditor: its municipality; admin: all, or municipality); page, pageSize (at most 100). Each carries the exact signed payload and its signature, to keep and verify offline with the public key.")
        .WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin)
        .Produces<CheckpointPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>GET /api/v1/audit/public-key — the key checkpoints are verified with.</summary>
public static class CheckpointPublicKeyEndpoint
{
    [WolverineGet("/api/v1/audit/public-key", OperationId = "getCheckpointPublicKey")]
    public static IResult Handle(CheckpointKey key) =>
        Results.Json(new PublicKeyResponse(CheckpointKey.Algorithm, key.PublicKeyPem, key.Fingerprint), LedgerJson.Options);

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "The public key that verifies every checkpoint's signature (ECDSA P-256 over SHA-256, DER signatures), as PEM SubjectPublicKeyInfo, with its SHA-256 fingerprint.")
        .WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin)
        .Produces<PublicKeyResponse>();
}
