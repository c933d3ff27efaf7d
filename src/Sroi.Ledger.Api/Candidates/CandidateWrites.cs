using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// What every write on a candidate stream needs besides the shared write function (<see cref="LedgerWriter.WriteAsync"/>):
/// plain functions the endpoints' decide functions call. A WSP key works in its own municipality only, so the stream is
/// always the caller's municipality's: another municipality's candidate is simply not there (404). The command decides
/// on the candidate's document (<see cref="CandidateDocument"/>, folded inline) and is answered from its state with the
/// decided events applied. Writers to one candidate queue on its lock, so concurrent recordings all land and a
/// concurrent duplicate registration is the same 422 as a late one. The report tables follow from the appended events
/// (<see cref="CandidateReportTables"/>, in the same transaction).
/// </summary>
public static class CandidateWrites
{
    public static LedgerStream<CandidateDocument> Stream(CandidateNumber number, Caller caller)
    {
        var municipality = caller.Municipality ?? throw new InvalidOperationException("Candidate commands are for keys bound to a municipality.");
        return new(municipality, CandidateEventTypes.StreamOf(municipality, number), $"Candidate {number}");
    }

    public static string PathOf(CandidateNumber number) => $"/api/v1/candidates/{number}";

    /// <summary>A registration: decided on the candidate as it is (none yet, or already registered: the rules refuse).</summary>
    public static Decided<TAnswer> Registering<TAnswer>(CandidateDocument? document, long version,
        Func<CandidateState, IReadOnlyList<ICandidateEvent>> decide, Func<CandidateResponse, TAnswer> answer) =>
        Decide(document?.State ?? CandidateState.Initial, version, decide, answer);

    /// <summary>
    /// A command on an existing candidate, or on its placement <paramref name="placementId"/>: 404 when either is not
    /// there; else the decision.
    /// </summary>
    public static Decided<TAnswer> OnCandidate<TAnswer>(CandidateDocument? document, long version, CandidateNumber number, Guid? placementId,
        Func<CandidateState, IReadOnlyList<ICandidateEvent>> decide, Func<CandidateResponse, TAnswer> answer)
    {
        if (document is null) return Problems.NotFound($"Candidate {number}");
        if (placementId is { } id && document.State.Placement(id) is null)
            return Problems.NotFound($"Placement {id} of candidate {number}");
        return Decide(document.State, version, decide, answer);
    }

    private static Decision<TAnswer> Decide<TAnswer>(CandidateState before, long version,
        Func<CandidateState, IReadOnlyList<ICandidateEvent>> decide, Func<CandidateResponse, TAnswer> answer)
    {
        var decided = decide(before);
        var after = decided.Aggregate(before, CandidateDecider.Evolve);
        return new Decision<TAnswer>([.. decided], answer(CandidateView.From(after, version + decided.Count)));
    }

    /// <summary>The answer of most candidate commands: the candidate as it is now.</summary>
    public static Written<CandidateResponse> Candidate(CandidateResponse candidate) => Answers.Changed(candidate);
}
