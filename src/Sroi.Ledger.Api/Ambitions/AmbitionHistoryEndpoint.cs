using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>A municipality's ambition history with each year's figures as its events up to <c>asKnownOn</c> set them.</summary>
public sealed record AmbitionStreamHistory : StreamHistory
{
    public AmbitionStreamHistory(StreamHistory history, IReadOnlyList<AmbitionResponse>? ambitions) : base(history) => Ambitions = ambitions;

    /// <summary>By year; null when nothing was recorded by <c>asKnownOn</c>.</summary>
    public IReadOnlyList<AmbitionResponse>? Ambitions { get; }
}

/// <summary>GET /api/v1/ambitions/history: read by those who read the reports the ambitions appear in.</summary>
public static class AmbitionHistoryEndpoint
{
    public static Task<Results<JsonOrCsv<AmbitionStreamHistory>, ProblemHttpResult>> HandleAsync(
        [AsParameters] AsKnownOnQuery known, [AsParameters] HistoryPageQuery paging, [AsParameters] MunicipalityQuery scope, AcceptedFormat format,
        ClaimsPrincipal user, StreamHistories histories, CancellationToken ct) =>
        histories.AnswerForMunicipalityAsync<AmbitionsDocument, AmbitionStreamHistory>(format, known, paging, scope, Caller.From(user), AmbitionEvents.StreamOf, "The ambitions",
            (history, then) => new(history, then?.Years.OrderBy(y => y.Key)
                .Select(y => new AmbitionResponse(history.Municipality, y.Key, y.Value.Placements, y.Value.SroiPlacements,
                    AmbitionResponse.Of(y.Value.ByKind))).ToList()), ct);
}
