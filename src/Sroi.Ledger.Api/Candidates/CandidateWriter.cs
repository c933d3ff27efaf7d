using System.Text.Json;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The success answer of a candidate command, given the candidate as it is after the command.</summary>
public sealed record CandidateAnswer(int StatusCode, string? Location, object Body);

/// <summary>One candidate command over HTTP: whose stream, what to decide and how to answer.</summary>
/// <param name="PlacementId">For a command on one placement: a placement the candidate does not have is 404.</param>
public sealed record CandidateCommand(
    CandidateNumber Number,
    bool RegistersNewCandidate,
    byte[] Fingerprint,
    string? Reason,
    Func<CandidateState, IReadOnlyList<ICandidateEvent>> Decide,
    Func<CandidateResponse, CandidateAnswer> Answer)
{
    public Guid? PlacementId { get; init; }
}

/// <summary>
/// Candidate commands on the shared write path. A WSP key works in its own municipality only, so the stream is
/// always the caller's municipality's: another municipality's candidate is simply not there (404). The writer fetches
/// the candidate's document (<see cref="CandidateDocument"/>, folded inline) for writing, the command decides on its
/// state, and the answer is that state with the decided events applied. A command is decided again on the fresh
/// document after a lost race (every rule is re-checked), so concurrent recordings for one candidate all land, and a
/// concurrent duplicate registration is the same 422 as a late one. The report tables follow from the appended events
/// (<see cref="CandidateReportTables"/>, in the same transaction).
/// </summary>
public sealed class CandidateWriter(LedgerWriter writer)
{
    public Task<IResult> ExecuteAsync(HttpContext http, CandidateCommand command, CancellationToken ct)
    {
        var municipality = Caller.From(http).Municipality
            ?? throw new InvalidOperationException("Candidate commands are for keys bound to a municipality.");
        var write = new StreamWrite<CandidateDocument>($"Candidate {command.Number}", municipality,
            CandidateEventTypes.StreamOf(municipality, command.Number), command.Fingerprint, Decide)
        {
            Reason = command.Reason,
            RetryOnConflict = true,
        };
        return writer.ExecuteAsync(http, write, ct);

        Decided Decide(CandidateDocument? document, long version)
        {
            if (document is null && !command.RegistersNewCandidate)
                return new Decided.Refused(Problems.NotFound($"Candidate {command.Number}"));
            var state = document?.State ?? CandidateState.Initial;
            if (command.PlacementId is { } placementId && state.Placement(placementId) is null)
                return new Decided.Refused(Problems.NotFound($"Placement {placementId} of candidate {command.Number}"));

            var decided = command.Decide(state);
            var after = decided.Aggregate(state, CandidateDecider.Evolve);
            var answer = command.Answer(CandidateView.From(after, version + decided.Count));
            return new Decision([.. decided], answer.StatusCode, answer.Location,
                JsonSerializer.Serialize(answer.Body, answer.Body.GetType(), LedgerJson.Options));
        }
    }

    public static string PathOf(CandidateNumber number) => $"/api/v1/candidates/{number}";
}
