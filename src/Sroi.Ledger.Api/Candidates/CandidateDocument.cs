using JasperFx.Events;
using Marten.Events.Aggregation;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// A candidate's stream folded once: what the decider decides on and what the API shows (<see cref="CandidateView"/>
/// maps it to the response). Marten keeps it inline (<see cref="CandidateFold"/>), in the municipality's tenant, keyed
/// by the stream's name (<c>candidate-GM0603-100234</c>).
/// </summary>
/// <param name="StreamVersion">The version of the stream this document folds (its ETag).</param>
public sealed record CandidateDocument(string Id, CandidateState State, long StreamVersion);

/// <summary>Each candidate event applied in one place: <see cref="CandidateDecider.Evolve"/>.</summary>
public sealed class CandidateFold : SingleStreamProjection<CandidateDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public CandidateFold()
    {
        foreach (var (type, _) in CandidateEventTypes.Mapped)
            IncludeType(type);
    }

    // Inline, Marten hands a fold every event of the streams it appends to; only this stream kind's events count.
    public override CandidateDocument? Evolve(CandidateDocument? document, string id, IEvent e) => e.Data is ICandidateEvent candidate
        ? new(id, CandidateDecider.Evolve(document?.State ?? CandidateState.Initial, candidate), e.Version)
        : document;
}
