using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;

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
    public static async Task<Results<JsonOrCsv<CandidateHistory>, ProblemHttpResult>> HandleAsync(string candidateNumber,
        [AsParameters] AsKnownOnQuery known, [AsParameters] HistoryPageQuery paging, [AsParameters] MunicipalityQuery scope, AcceptedFormat format,
        ClaimsPrincipal user, StreamHistories histories, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var (query, badQuery) = StreamHistories.QueryOf(format, known, paging);
        if (badQuery is not null) return badQuery;
        var (municipality, outside) = MunicipalityScope.ForRead(Caller.From(user), scope);
        if (outside is not null) return outside;
        // Read in the key's municipality: another municipality's candidate is not there (404).
        var stream = CandidateEventTypes.StreamOf(municipality, number);
        if (query.Format == ResponseFormat.Csv)
            return await histories.CsvAsync(municipality, stream, query, ct) is { } export
                ? JsonOrCsv<CandidateHistory>.Csv(export)
                : Problems.NotFound($"Candidate {number}");
        var read = await histories.ReadAsync<CandidateDocument>(municipality, stream, query, ct);
        if (read is not { } history) return Problems.NotFound($"Candidate {number}");
        return JsonOrCsv<CandidateHistory>.Json(new CandidateHistory(history.History, history.Then is null ? null : CandidateView.From(history.Then)));
    }
}
