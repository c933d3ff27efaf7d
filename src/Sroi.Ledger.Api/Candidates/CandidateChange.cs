using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// The shape every dated change of an existing candidate shares (a trede, its benefit's act, the WSP's service, the end of
/// its benefit): the candidate number from the path (400 when malformed), the body's fields checked together (400 naming
/// each), then one command decided on the candidate's stream and answered with the candidate. An endpoint says only what
/// is its own: which fields it checks, which command it decides, and the reason the write records.
/// </summary>
/// <param name="Validate">Adds an error per missing or bad field; the command is decided only when there is none.</param>
/// <param name="Decide">The command's events, from the checked request, today's business date and the candidate as it is.</param>
/// <param name="Reason">The reason recorded with the write (its metadata), if the request gives one.</param>
public sealed record CandidateChange<TRequest>(
    Action<TRequest, FieldErrors> Validate,
    Func<TRequest, LocalDate, CandidateState, IReadOnlyList<ICandidateEvent>> Decide,
    Func<TRequest, string?>? Reason = null) where TRequest : class
{
    public async Task<Results<Written<CandidateResponse>, ProblemHttpResult>> WriteAsync(
        string candidateNumber, JsonBody<TRequest> body, WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, IClock clock,
        CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var request = body.Value;
        Validate(request, body.Errors);
        if (body.Errors.Any) return Problems.BadRequest(body.Errors);

        var caller = Caller.From(user);
        var today = BusinessCalendar.Today(clock);
        return await writer.WriteAsync<CandidateDocument, Written<CandidateResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, Reason?.Invoke(request), (document, version) => CandidateWrites.OnCandidate(document, version, number,
                placementId: null, state => Decide(request, today, state), CandidateWrites.Candidate), ct);
    }
}
