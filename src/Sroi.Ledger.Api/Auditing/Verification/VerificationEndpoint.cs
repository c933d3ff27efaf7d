using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// GET /api/v1/audit/verification[?municipality=] — re-folds every stream, recomputes every chain and checks every
/// stream's version (<see cref="LedgerVerifier"/>). An auditor verifies its own municipality; an admin all of them, or one.
/// </summary>
public static class VerificationEndpoint
{
    [WolverineGet("/api/v1/audit/verification", OperationId = "verifyLedger")]
    public static async Task<IResult> HandleAsync(HttpContext http, LedgerVerifier verifier, Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (municipality, forbidden) = AuditScope.Of(http, errors);
        Guid? checkpointId = null;
        if (http.Request.Query["checkpoint"].ToString() is { Length: > 0 } text)
        {
            if (Guid.TryParse(text, out var id)) checkpointId = id;
            else errors.Add("checkpoint", "Expected a checkpoint's id (a UUID) from GET /audit/checkpoints.");
        }
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        if (checkpointId is not { } named)
            return Results.Json(await verifier.VerifyAsync(municipality, ct), LedgerJson.Options);

        // Another municipality's checkpoint is not found for an auditor: ids do not leak either.
        var checkpoint = await CheckpointTable.FindAsync(db, named, ct);
        var own = Caller.From(http).Municipality;
        if (checkpoint is null || (own is not null && checkpoint.Municipality != own?.Value))
            return Problems.NotFound($"Checkpoint {named}");
        if (municipality is not null && checkpoint.Municipality != municipality?.Value)
            return Problems.BadRequest("checkpoint", $"The checkpoint is {checkpoint.Municipality}'s, not {municipality}'s.");
        return Results.Json(await verifier.VerifyAsync(Sroi.Ledger.Domain.Shared.MunicipalityCode.Parse(checkpoint.Municipality), ct, checkpoint), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Re-fold every stream and compare with its stored document, recompute every hash chain, check each stream's version against its last event, hold every event to the signed heads of the commits that appended it (commit.*), and hold the ledger to each municipality's newest signed checkpoint (or the checkpoint named): ok, or each discrepancy by stream and version (an auditor: its municipality; admin: all, or municipality).")
        .WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin)
        .Produces<VerificationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}

/// <summary>
/// POST /api/v1/audit/verification — the verification of GET, held to a checkpoint copy the auditor kept outside the
/// database (<see cref="CheckpointCopy"/>): a checkpoint.signed notification, or an item of GET /audit/checkpoints. What
/// the database lost or rewrote since — its checkpoint rows included — shows against the copy: a head that differs, events
/// lost, an event slipped in behind it.
/// </summary>
public static class VerifyAgainstCopyEndpoint
{
    [WolverinePost("/api/v1/audit/verification", OperationId = "verifyLedgerAgainstCheckpoint")]
    public static async Task<IResult> HandleAsync(HttpContext http, LedgerVerifier verifier, CheckpointKey key, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<CheckpointCopyRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        var checkpoint = CheckpointCopy.Read(body!.Value, errors);
        if (checkpoint is null) return Problems.BadRequest(errors);
        var own = Caller.From(http).Municipality;
        if (own is not null && checkpoint.Municipality != own.Value.Value)
            return Problems.Forbidden($"This key audits {own} only; the checkpoint is {checkpoint.Municipality}'s.");
        var (signature, _) = checkpoint.Check(key);
        if (signature != "valid")
            return Problems.RuleViolated(new Sroi.Ledger.Domain.Shared.RuleViolation("checkpoint.copy-not-signed",
                signature == "other-key"
                    ? $"The copy is signed with key {checkpoint.KeyFingerprint}, not this service's ({key.Fingerprint}): verify it with that key's public half."
                    : "The copy's signature does not verify with this service's key: it was not signed by this service, or was altered since.",
                "signature"));
        return Results.Json(await verifier.VerifyAsync(Sroi.Ledger.Domain.Shared.MunicipalityCode.Parse(checkpoint.Municipality), ct, checkpoint), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Verify the ledger as GET does, held to a checkpoint copy kept outside the database: the body is a checkpoint as served (payload and signature: an item of GET /audit/checkpoints) or a checkpoint.signed notification. A copy whose signature does not verify with the service's key is a 422 (checkpoint.copy-not-signed); an auditor posts its own municipality's checkpoints only.")
        .WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin)
        .Accepts<CheckpointCopyRequest>("application/json")
        .Produces<VerificationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

