using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Policies;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Policies;

/// <summary>A municipality's policy history with the versions its events up to <c>asKnownOn</c> hold.</summary>
public sealed record SroiPolicyStreamHistory : StreamHistory
{
    public SroiPolicyStreamHistory(StreamHistory history, IReadOnlyList<SroiPolicyVersion>? versions) : base(history) => Versions = versions;

    /// <summary>Null when nothing was recorded by <c>asKnownOn</c>.</summary>
    public IReadOnlyList<SroiPolicyVersion>? Versions { get; }
}

/// <summary>
/// GET /api/v1/sroi-policies/history: the policy stream of the key's municipality (an admin names one). The versions are
/// public; their history, with who recorded them, is read per municipality like the other histories.
/// </summary>
public static class PolicyHistoryEndpoint
{
    [WolverineGet("/api/v1/sroi-policies/history", OperationId = "getSroiPolicyHistory")]
    public static Task<IResult> HandleAsync(HttpContext http, StreamHistories histories, CancellationToken ct) =>
        histories.AnswerForMunicipalityAsync<SroiPolicyDocument, SroiPolicyStreamHistory>(http, PolicyEvents.StreamOf, "The SROI policy",
            (history, then) => new(history, then?.History.Versions), ct);

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Every event of the municipality's policy stream (paged), the chain verified, and the versions as known on `asKnownOn` (admin: municipality).")
        .WithTags("SROI policies").RequireRoles(Role.Admin, Role.Inkoop, Role.Wsp, Role.Auditor, Role.Opdrachtnemer)
        .Produces<SroiPolicyStreamHistory>().ProducesCsv(HistoryCsv.Table).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
