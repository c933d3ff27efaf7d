using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

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
    [WolverineGet("/api/v1/ambitions/history", OperationId = "getAmbitionHistory")]
    public static Task<IResult> HandleAsync(HttpContext http, StreamHistories histories, CancellationToken ct) =>
        histories.AnswerForMunicipalityAsync<AmbitionsDocument, AmbitionStreamHistory>(http, AmbitionEvents.StreamOf, "The ambitions",
            (history, then) => new(history, then?.Years.OrderBy(y => y.Key)
                .Select(y => new AmbitionResponse(history.Municipality, y.Key, y.Value.Placements, y.Value.SroiPlacements)).ToList()), ct);

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Every event of the municipality's ambition stream (paged), the chain verified, and each year's ambition as known on `asKnownOn` (admin: municipality).")
        .WithTags("Ambitions").RequireRoles(Reports.ReportEndpoints.Readers)
        .Produces<AmbitionStreamHistory>().ProducesCsv(HistoryCsv.Table).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
