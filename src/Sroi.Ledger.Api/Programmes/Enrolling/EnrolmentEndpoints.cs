using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Programmes.Enrolling;

public sealed record EnrolRequest([property: Required] LocalDate? EnrolledOn);

public sealed record EndEnrolmentRequest([property: Required] LocalDate? EndedOn, [property: Required, MaxLength(500)] string? Reason);

/// <param name="Outcome">One of the outcome codes the programme counts.</param>
public sealed record RecordOutcomeRequest(
    [property: Required, RegularExpression(ProgrammeCodes.Pattern), MaxLength(ProgrammeCodes.MaxLength)] string? Outcome,
    [property: Required] LocalDate? On);

/// <param name="Outcome">The outcome recorded by mistake, as recorded.</param>
/// <param name="On">The day it was recorded as reached.</param>
public sealed record WithdrawOutcomeRequest(
    [property: Required, RegularExpression(ProgrammeCodes.Pattern), MaxLength(ProgrammeCodes.MaxLength)] string? Outcome,
    [property: Required] LocalDate? On,
    [property: Required, MaxLength(500)] string? Reason);

/// <summary>The candidate's enrolments on one programme, oldest first.</summary>
public sealed record CandidateProgrammeResponse(CandidateNumber CandidateNumber, string Programme, IReadOnlyList<EnrolmentResponse> Enrolments, long Version)
{
    public static CandidateProgrammeResponse From(CandidateState state, string programme, long version) =>
        new(state.CandidateNumber, programme, [.. state.Enrolments.Where(e => e.Programme == programme)
            .Select(e => new EnrolmentResponse(e.EnrolledOn, e.EndedOn, e.EndReason, [.. e.Outcomes.Select(o => new OutcomeResponse(o.Outcome, o.On))]))],
            version);
}

/// <param name="EndedOn">Null while the candidate takes part.</param>
public sealed record EnrolmentResponse(LocalDate EnrolledOn, LocalDate? EndedOn, string? EndReason, IReadOnlyList<OutcomeResponse> Outcomes);

public sealed record OutcomeResponse(string Outcome, LocalDate On);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/programmes/{code}/enrolment, …/enrolment/end and …/outcomes: on the
/// candidate's stream, decided against the programme as it stands in the caller's municipality (404 when there is none).
/// </summary>
public static class EnrolmentEndpoints
{
    public static async Task<Results<Written<CandidateProgrammeResponse>, ProblemHttpResult>> EnrolAsync(string candidateNumber, string code,
        JsonBody<EnrolRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, ProgrammeReader programmes,
        IClock clock, CancellationToken ct)
    {
        var (number, programmeCode, bad) = Path(candidateNumber, code);
        if (bad is not null) return bad;
        var errors = body.Errors;
        errors.Required("enrolledOn", body.Value.EnrolledOn);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        if (await programmes.LoadAsync(caller.Municipality!.Value, programmeCode, ct) is not { } programme)
            return Problems.NotFound($"Programme {programmeCode}");
        var enrolledOn = body.Value.EnrolledOn!.Value;
        return await WriteAsync(number, programmeCode, caller, headers, body.Fingerprint, null,
            state => CandidateDecider.Decide(new EnrolInProgramme(programme.State.Terms, enrolledOn, BusinessCalendar.Today(clock)), state), writer, ct,
            UnderProgrammeLock(caller, programmeCode, programmes, read => programme = read ?? programme));
    }

    public static async Task<Results<Written<CandidateProgrammeResponse>, ProblemHttpResult>> EndAsync(string candidateNumber, string code,
        JsonBody<EndEnrolmentRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, ProgrammeReader programmes,
        IClock clock, CancellationToken ct)
    {
        var (number, programmeCode, bad) = Path(candidateNumber, code);
        if (bad is not null) return bad;
        var errors = body.Errors;
        errors.Required("endedOn", body.Value.EndedOn);
        errors.RequiredText("reason", body.Value.Reason);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        if (await programmes.LoadAsync(caller.Municipality!.Value, programmeCode, ct) is null)
            return Problems.NotFound($"Programme {programmeCode}");
        var command = new EndProgrammeEnrolment(programmeCode, body.Value.EndedOn!.Value, body.Value.Reason!, BusinessCalendar.Today(clock));
        return await WriteAsync(number, programmeCode, caller, headers, body.Fingerprint, command.Reason,
            state => CandidateDecider.Decide(command, state), writer, ct);
    }

    public static async Task<Results<Written<CandidateProgrammeResponse>, ProblemHttpResult>> RecordOutcomeAsync(string candidateNumber, string code,
        JsonBody<RecordOutcomeRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, ProgrammeReader programmes,
        IClock clock, CancellationToken ct)
    {
        var (number, programmeCode, bad) = Path(candidateNumber, code);
        if (bad is not null) return bad;
        var request = body.Value;
        var errors = body.Errors;
        if (errors.RequiredText("outcome", request.Outcome, ProgrammeCodes.MaxLength) && !ProgrammeCodes.IsCode(request.Outcome))
            errors.Add("outcome", ProgrammeCodes.Message);
        errors.Required("on", request.On);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        if (await programmes.LoadAsync(caller.Municipality!.Value, programmeCode, ct) is not { } programme)
            return Problems.NotFound($"Programme {programmeCode}");
        var (outcome, on) = (request.Outcome!, request.On!.Value);
        return await WriteAsync(number, programmeCode, caller, headers, body.Fingerprint, null,
            state => CandidateDecider.Decide(new RecordProgrammeOutcome(programme.State.Terms, outcome, on, BusinessCalendar.Today(clock)), state), writer, ct,
            UnderProgrammeLock(caller, programmeCode, programmes, read => programme = read ?? programme));
    }

    /// <summary>
    /// …/outcomes/withdrawal: an outcome recorded by mistake no longer counts (an event, so a report as known before it still
    /// shows the outcome). A wrong day is a withdrawal and the outcome recorded again on the right one.
    /// </summary>
    public static async Task<Results<Written<CandidateProgrammeResponse>, ProblemHttpResult>> WithdrawOutcomeAsync(string candidateNumber, string code,
        JsonBody<WithdrawOutcomeRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user, LedgerWriter writer, ProgrammeReader programmes,
        CancellationToken ct)
    {
        var (number, programmeCode, bad) = Path(candidateNumber, code);
        if (bad is not null) return bad;
        var request = body.Value;
        var errors = body.Errors;
        if (errors.RequiredText("outcome", request.Outcome, ProgrammeCodes.MaxLength) && !ProgrammeCodes.IsCode(request.Outcome))
            errors.Add("outcome", ProgrammeCodes.Message);
        errors.Required("on", request.On);
        errors.RequiredText("reason", request.Reason);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        if (await programmes.LoadAsync(caller.Municipality!.Value, programmeCode, ct) is null)
            return Problems.NotFound($"Programme {programmeCode}");
        var command = new WithdrawProgrammeOutcome(programmeCode, request.Outcome!, request.On!.Value, request.Reason!);
        return await WriteAsync(number, programmeCode, caller, headers, body.Fingerprint, command.Reason,
            state => CandidateDecider.Decide(command, state), writer, ct);
    }

    /// <summary>The candidate number first, then the programme code: each malformed one a 400 naming only it.</summary>
    private static (CandidateNumber Number, string Code, ProblemHttpResult? Problem) Path(string candidateNumber, string code)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return (default, "", badNumber);
        var (programme, badCode) = ProgrammePath.Parse(code);
        return (number, programme, badCode);
    }

    /// <summary>
    /// The programme's terms read again under the candidate's lock while holding the programme's lock shared
    /// (<see cref="ReadUnderLock"/>): an amendment of its end (which locks the programme) and an enrolment or outcome after
    /// that end, sent at the same moment, used to both pass (each read the other's side before its own write).
    /// </summary>
    private static ReadUnderLock UnderProgrammeLock(Caller caller, string code, ProgrammeReader programmes, Action<ProgrammeDocument?> read)
    {
        var municipality = caller.Municipality!.Value;
        return new ReadUnderLock(ProgrammeEvents.StreamOf(municipality, code), async ct => read(await programmes.LoadAsync(municipality, code, ct)));
    }

    private static Task<Results<Written<CandidateProgrammeResponse>, ProblemHttpResult>> WriteAsync(CandidateNumber number, string programme,
        Caller caller, WriteHeaders headers, byte[] fingerprint, string? reason, Func<CandidateState, IReadOnlyList<ICandidateEvent>> decide,
        LedgerWriter writer, CancellationToken ct, ReadUnderLock? reads = null) =>
        writer.WriteAsync<CandidateDocument, Written<CandidateProgrammeResponse>>(CandidateWrites.Stream(number, caller) with { Reads = reads }, caller, headers, fingerprint,
            reason, (document, version) => CandidateStateWrites.OnCandidate(document, version, number, decide,
                (state, after) => Answers.Changed(CandidateProgrammeResponse.From(state, programme, after))), ct);
}
