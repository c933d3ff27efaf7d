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
        return await checkpointer.MakeAsync(municipality, evenIfUnchanged: true, ct) is { } run
            ? Results.Json(run, LedgerJson.Options)
            : Problems.Unavailable(http, "Appends kept running through every attempt to take a consistent snapshot; try again.", 5);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Sign a checkpoint now for every municipality (or the one named): each stream's chain head and the global position. A municipality whose ledger no longer extends its newest checkpoint is refused, with the discrepancies.")
        .WithTags("Audit").RequireRoles(Role.Admin)
        .Produces<CheckpointRun>().ProducesValidationProblem();
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
