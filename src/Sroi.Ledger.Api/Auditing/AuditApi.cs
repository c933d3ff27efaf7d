using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Auditing;

/// <summary>The audit endpoints under /api/v1/audit: checkpoints, their public key and the ledger's verification.</summary>
public static class AuditApi
{
    public static void MapAudit(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");

        audit.MapPost("/checkpoints", CheckpointEndpoints.MakeAsync).WithName("makeCheckpoints")
            .WithSummary("Sign a checkpoint now for every municipality (or the one named): each stream's chain head and the global position. A municipality whose ledger holds a broken chain or events no signed commit covers, or no longer extends its newest checkpoint, is refused: 422 checkpoint.refused with each refusal's code, reason and discrepancies (and the checkpoints signed for the others). Each checkpoint signed, and each refusal, is also a notification (checkpoint.signed, checkpoint.refused) to the municipality's auditors.")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        audit.MapGet("/checkpoints", CheckpointEndpoints.ListAsync).WithName("listCheckpoints")
            .WithSummary("The signed checkpoints, newest first (an auditor: its municipality; admin: all, or municipality); page, pageSize (at most 100). Each carries the exact signed payload and its signature, to keep and verify offline with the public key.")
            .RequireRoles(Role.Auditor, Role.Admin);

        audit.MapGet("/public-key", CheckpointEndpoints.PublicKey).WithName("getCheckpointPublicKey")
            .WithSummary("The public key that verifies every checkpoint's signature (ECDSA P-256 over SHA-256, DER signatures), as PEM SubjectPublicKeyInfo, with its SHA-256 fingerprint.")
            .RequireRoles(Role.Auditor, Role.Admin);

        audit.MapGet("/verification", VerificationEndpoint.VerifyAsync).WithName("verifyLedger")
            .IsExpensiveRead()
            .WithSummary("Re-fold every stream and compare with its stored document, recompute every hash chain, check each stream's version against its last event, hold every event to the signed heads of the commits that appended it (commit.*), and hold the ledger to each municipality's newest signed checkpoint (or the checkpoint named): ok, or each discrepancy by stream and version (an auditor: its municipality; admin: all, or municipality).")
            .RequireRoles(Role.Auditor, Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);

        audit.MapPost("/verification", VerificationEndpoint.VerifyAgainstCopyAsync).WithName("verifyLedgerAgainstCheckpoint")
            .IsExpensiveRead()
            .WithSummary("Verify the ledger as GET does, held to a checkpoint copy kept outside the database: the body is a checkpoint as served (payload and signature: an item of GET /audit/checkpoints) or a checkpoint.signed notification. A copy whose signature does not verify with the service's key is a 422 (checkpoint.copy-not-signed); an auditor posts its own municipality's checkpoints only.")
            .RequireRoles(Role.Auditor, Role.Admin)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
