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
/// always the caller's municipality's: another municipality's candidate is simply not there (404). A command is
/// decided again on the fresh stream after a lost race (every rule is re-checked), so concurrent recordings for
/// one candidate all land, and a concurrent duplicate registration is the same 422 as a late one.
/// </summary>
public sealed class CandidateWriter(LedgerWriter writer, CandidateReader reader)
{
    public Task<IResult> ExecuteAsync(HttpContext http, CandidateCommand command, CancellationToken ct)
    {
        var municipality = Caller.From(http).Municipality
            ?? throw new InvalidOperationException("Candidate commands are for keys bound to a municipality.");
        var write = new StreamWrite($"Candidate {command.Number}", municipality, CandidateEventTypes.StreamOf(municipality, command.Number),
            command.Fingerprint, LoadAsync)
        {
            Reason = command.Reason,
            RetryOnConflict = true,
        };
        return writer.ExecuteAsync(http, write, ct);

        async Task<Loaded> LoadAsync(CancellationToken token)
        {
            var (history, version) = await reader.LoadAsync(municipality, command.Number, token);
            if (history.Count == 0 && !command.RegistersNewCandidate)
                return new Loaded.Refused(Problems.NotFound($"Candidate {command.Number}"));
            var state = CandidateDecider.Fold(history);
            if (command.PlacementId is { } placementId && !state.Placements.ContainsKey(placementId))
                return new Loaded.Refused(Problems.NotFound($"Placement {placementId} of candidate {command.Number}"));
            return new Loaded.Stream(version, () => Decide(history, state, version));
        }

        Decision Decide(IReadOnlyList<ICandidateEvent> history, CandidateState state, long version)
        {
            var decided = command.Decide(state);
            var view = CandidateView.From([.. history, .. decided], version + decided.Count);
            var answer = command.Answer(view);
            return new Decision(
                [.. decided],
                [.. decided.SelectMany((e, i) => CandidateProjection.For(municipality, command.Number, e, version + 1 + i))],
                answer.StatusCode,
                answer.Location,
                JsonSerializer.Serialize(answer.Body, answer.Body.GetType(), LedgerJson.Options));
        }
    }

    public static string PathOf(CandidateNumber number) => $"/api/v1/candidates/{number}";
}
