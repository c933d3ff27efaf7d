using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>The scope of <c>GET /audit/verification</c>, and the checkpoint to hold the ledger to; every bad one is named in one 400.</summary>
public sealed record VerificationQuery
{
    [Description("Only this municipality (CBS code). An auditor may name only its own; an admin verifies all without it.")]
    public QueryMunicipality? Municipality { get; init; }

    [Description("Hold the ledger to this checkpoint (its id from GET /audit/checkpoints) instead of the municipality's newest.")]
    public QueryUuid? Checkpoint { get; init; }
}

/// <summary>
/// GET /audit/verification — re-folds every stream, recomputes every chain and checks every stream's version
/// (<see cref="LedgerVerifier"/>). An auditor verifies its own municipality; an admin all of them, or one.
/// POST /audit/verification — the same, held to a checkpoint copy the auditor kept outside the database
/// (<see cref="CheckpointCopy"/>): a checkpoint.signed notification, or an item of GET /audit/checkpoints. What the
/// database lost or rewrote since — its checkpoint rows included — shows against the copy: a head that differs, events
/// lost, an event slipped in behind it.
/// </summary>
public static class VerificationEndpoint
{
    public static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> VerifyAsync(
        [AsParameters] VerificationQuery query, ClaimsPrincipal user, LedgerVerifier verifier, Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var caller = Caller.From(user);
        var (municipality, forbidden) = AuditScope.Of(caller, query.Municipality, errors);
        var checkpointId = query.Checkpoint is { Text.Length: > 0 } named
            ? named.Read("checkpoint", errors, "Expected a checkpoint's id (a UUID) from GET /audit/checkpoints.")
            : null;
        if (errors.Any) return Problems.BadRequest(errors);
        if (forbidden is not null) return forbidden;
        if (checkpointId is not { } id)
            return TypedResults.Ok(await verifier.VerifyAsync(municipality, ct));

        // Another municipality's checkpoint is not found for an auditor: ids do not leak either.
        var checkpoint = await CheckpointTable.FindAsync(db, id, ct);
        var own = caller.Municipality;
        if (checkpoint is null || (own is not null && checkpoint.Municipality != own?.Value))
            return Problems.NotFound($"Checkpoint {id}");
        if (municipality is not null && checkpoint.Municipality != municipality?.Value)
            return Problems.BadRequest("checkpoint", $"The checkpoint is {checkpoint.Municipality}'s, not {municipality}'s.");
        return TypedResults.Ok(await verifier.VerifyAsync(Sroi.Ledger.Domain.Shared.MunicipalityCode.Parse(checkpoint.Municipality), ct, checkpoint));
    }

    public static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> VerifyAgainstCopyAsync(
        JsonBody<CheckpointCopyRequest> body, ClaimsPrincipal user, LedgerVerifier verifier, CheckpointKey key, CancellationToken ct)
    {
        var errors = body.Errors;
        var checkpoint = CheckpointCopy.Read(body.Value, errors);
        if (checkpoint is null || errors.Any) return Problems.BadRequest(errors);
        var own = Caller.From(user).Municipality;
        if (own is not null && checkpoint.Municipality != own.Value.Value)
            return Problems.Forbidden($"This key audits {own} only; the checkpoint is {checkpoint.Municipality}'s.");
        var (signature, _) = checkpoint.Check(key);
        if (signature != "valid")
            return Problems.RuleViolated(new Sroi.Ledger.Domain.Shared.RuleViolation("checkpoint.copy-not-signed",
                signature == "other-key"
                    ? $"The copy is signed with key {checkpoint.KeyFingerprint}, not this service's ({key.Fingerprint}): verify it with that key's public half."
                    : "The copy's signature does not verify with this service's key: it was not signed by this service, or was altered since.",
                "signature"));
        return TypedResults.Ok(await verifier.VerifyAsync(Sroi.Ledger.Domain.Shared.MunicipalityCode.Parse(checkpoint.Municipality), ct, checkpoint));
    }
}
