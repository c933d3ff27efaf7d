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
            "Re-fold every stream and compare with its stored document, recompute every hash chain, check each stream's version against its last event, and hold the ledger to each municipality's newest signed checkpoint (or the checkpoint named): ok, or each discrepancy by stream and version (an auditor: its municipality; admin: all, or municipality).")
        .WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin)
        .Produces<VerificationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
