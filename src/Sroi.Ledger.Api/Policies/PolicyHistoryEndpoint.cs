using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Policies;

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
    public static Task<Results<JsonOrCsv<SroiPolicyStreamHistory>, ProblemHttpResult>> HandleAsync(
        [AsParameters] AsKnownOnQuery known, [AsParameters] HistoryPageQuery paging, [AsParameters] MunicipalityQuery scope, AcceptedFormat format,
        ClaimsPrincipal user, StreamHistories histories, CancellationToken ct) =>
        histories.AnswerForMunicipalityAsync<SroiPolicyDocument, SroiPolicyStreamHistory>(format, known, paging, scope, Caller.From(user), PolicyEvents.StreamOf, "The SROI policy",
            (history, then) => new(history, then?.History.Versions), ct);
}
