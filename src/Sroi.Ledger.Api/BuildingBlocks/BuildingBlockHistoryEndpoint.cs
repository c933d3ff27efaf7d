using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.BuildingBlocks;
using Wolverine.Http;

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
    [WolverineGet("/api/v1/building-block-tables/history", OperationId = "getBuildingBlockTableHistory")]
    public static Task<IResult> HandleAsync(HttpContext http, StreamHistories histories, CancellationToken ct) =>
        histories.AnswerForMunicipalityAsync<BuildingBlockTableDocument, BuildingBlockTableStreamHistory>(http, BuildingBlockEvents.StreamOf,
            "The building-block tables", (history, then) => new(history, then?.History.Versions), ct);

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Every event of the municipality's building-block table stream (paged), the chain verified, and the versions as known on `asKnownOn` (admin: municipality).")
        .WithTags("Building-block tables").RequireRoles(Role.Admin, Role.Wsp, Role.Inkoop, Role.Auditor, Role.Opdrachtnemer)
        .Produces<BuildingBlockTableStreamHistory>().ProducesCsv(HistoryCsv.Table).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
