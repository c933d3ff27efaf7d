using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Candidates.ReadingCandidates;

/// <summary>A candidate's history with the candidate as its events up to <c>asKnownOn</c> fold to.</summary>
public sealed record CandidateHistory : StreamHistory
{
    public CandidateHistory(StreamHistory history, CandidateResponse? candidate) : base(history) => Candidate = candidate;

    /// <summary>Null when nothing was recorded by <c>asKnownOn</c>.</summary>
    public CandidateResponse? Candidate { get; }
}

/// <summary>GET /api/v1/candidates/{n}/history: who may read the candidate reads its history (<see cref="StreamHistories"/>).</summary>
public static class CandidateHistoryEndpoint
{
    [WolverineGet("/api/v1/candidates/{candidateNumber}/history", OperationId = "getCandidateHistory")]
    public static async Task<IResult> HandleAsync(string candidateNumber, HttpContext http, StreamHistories histories, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var (query, badQuery) = StreamHistories.QueryOf(http.Request);
        if (badQuery is not null) return badQuery;
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        if (outside is not null) return outside;
        if (query.Format == ResponseFormat.Csv) return await histories.CsvAsync(municipality, CandidateEventTypes.StreamOf(municipality, number), query, $"Candidate {number}", ct);
        // Read in the key's municipality: another municipality's candidate is not there (404).
        var read = await histories.ReadAsync<CandidateDocument>(municipality, CandidateEventTypes.StreamOf(municipality, number), query, ct);
        if (read is not { } history) return Problems.NotFound($"Candidate {number}");
        return Results.Json(new CandidateHistory(history.History, history.Then is null ? null : CandidateView.From(history.Then)), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Every event of the candidate as stored (paged), the hash chain verified, and the candidate as known on `asKnownOn` (admin: municipality).")
        .WithTags("Candidates").RequireRoles(CandidateEndpoints.Readers)
        .Produces<CandidateHistory>().ProducesCsv(HistoryCsv.Table).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
