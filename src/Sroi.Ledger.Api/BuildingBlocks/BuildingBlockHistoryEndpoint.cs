using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.BuildingBlocks;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>A municipality's building-block table history with the versions its events up to <c>asKnownOn</c> hold.</summary>
public sealed record BuildingBlockTableStreamHistory : StreamHistory
{
    public BuildingBlockTableStreamHistory(StreamHistory history, IReadOnlyList<BuildingBlockTable>? versions) : base(history) => Versions = versions;

    /// <summary>Null when nothing was recorded by <c>asKnownOn</c>.</summary>
    public IReadOnlyList<BuildingBlockTable>? Versions { get; }
}

/// <summary>GET /api/v1/building-block-tables/history: the table stream of the key's municipality (an admin names one).</summary>
public static class BuildingBlockHistoryEndpoint
{
    public static Task<Results<JsonOrCsv<BuildingBlockTableStreamHistory>, ProblemHttpResult>> HandleAsync(
        [AsParameters] AsKnownOnQuery known, [AsParameters] HistoryPageQuery paging, [AsParameters] MunicipalityQuery scope, AcceptedFormat format,
        ClaimsPrincipal user, StreamHistories histories, CancellationToken ct) =>
        histories.AnswerForMunicipalityAsync<BuildingBlockTableDocument, BuildingBlockTableStreamHistory>(format, known, paging, scope, Caller.From(user), BuildingBlockEvents.StreamOf,
            "The building-block tables", (history, then) => new(history, then?.History.Versions), ct);
}
