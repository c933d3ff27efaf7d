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
    public static async Task<IResult> HandleAsync(HttpContext http, LedgerVerifier verifier, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var named = QueryParameters.OptionalMunicipality(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);
        var own = Caller.From(http).Municipality;
        if (own is not null && named is not null && named != own)
            return Problems.Forbidden($"This key verifies {own} only.");
        return Results.Json(await verifier.VerifyAsync(own ?? named, ct), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Re-fold every stream and compare with its stored document, recompute every hash chain, check each stream's version against its last event: ok, or each discrepancy by stream and version (an auditor: its municipality; admin: all, or municipality).")
        .WithTags("Audit").RequireRoles(Role.Auditor, Role.Admin)
        .Produces<VerificationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
}
