using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Programmes.Enrolling;

/// <summary>
/// A command on an existing candidate whose answer is made from the candidate's state (not the candidate response):
/// the enrolments and day activities, which that response does not show. 404 when the candidate is not there.
/// </summary>
public static class CandidateStateWrites
{
    public static Decided<TAnswer> OnCandidate<TAnswer>(CandidateDocument? document, long version, CandidateNumber number,
        Func<CandidateState, IReadOnlyList<ICandidateEvent>> decide, Func<CandidateState, long, TAnswer> answer)
    {
        if (document is null) return Problems.NotFound($"Candidate {number}");
        var decided = decide(document.State);
        var after = decided.Aggregate(document.State, CandidateDecider.Evolve);
        return new Decision<TAnswer>([.. decided], answer(after, version + decided.Count));
    }
}
