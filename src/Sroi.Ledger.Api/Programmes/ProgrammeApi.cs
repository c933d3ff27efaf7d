using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Candidates.DayActivities;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Programmes.Enrolling;

namespace Sroi.Ledger.Api.Programmes;

/// <summary>
/// Issue 22: the programme endpoints under /api/v1/programmes, and what a candidate does in them (and by day) under
/// /api/v1/candidates/{candidateNumber}: those live in the candidate's stream.
/// </summary>
public static class ProgrammeApi
{
    public static void MapProgrammes(RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes").WithTags("Programmes");

        programmes.MapPost("", ProgrammeWrites.RegisterAsync).WithName("registerProgramme")
            .WithSummary("Register a programme (traject): code, name, period and the outcomes it counts (a wsp key: its own municipality). 409 on a code taken.")
            .RequireRoles(Role.Wsp, Role.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesLedgerWriteProblems();

        programmes.MapPost("/{code}/amendment", ProgrammeWrites.AmendAsync).WithName("amendProgramme")
            .WithSummary("Amend a programme's name, end or outcomes (admin: municipality).")
            .RequireRoles(Role.Wsp, Role.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        programmes.MapGet("", ProgrammeQueries.ListAsync).WithName("listProgrammes")
            .WithSummary("The municipality's programmes by code (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        programmes.MapGet("/{code}", ProgrammeQueries.GetAsync).WithName("getProgramme")
            .WithSummary("One programme; ETag is its version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var candidate = api.MapGroup("/candidates/{candidateNumber}").WithTags("Programmes");

        candidate.MapPost("/programmes/{code}/enrolment", EnrolmentEndpoints.EnrolAsync).WithName("enrolInProgramme")
            .WithSummary("Enrol the candidate on a programme from a date.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        candidate.MapPost("/programmes/{code}/enrolment/end", EnrolmentEndpoints.EndAsync).WithName("endProgrammeEnrolment")
            .WithSummary("End the candidate's enrolment on a programme (early, or when finished), with a reason.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        candidate.MapPost("/programmes/{code}/outcomes", EnrolmentEndpoints.RecordOutcomeAsync).WithName("recordProgrammeOutcome")
            .WithSummary("Record an outcome the candidate reached during an enrolment (one the programme counts).")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        candidate.MapPost("/programmes/{code}/outcomes/withdrawal", EnrolmentEndpoints.WithdrawOutcomeAsync).WithName("withdrawProgrammeOutcome")
            .WithSummary("Withdraw an outcome recorded by mistake (outcome, on, reason); reports as known before it still count it.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        candidate.MapGet("/programmes/{code}", CandidateProgrammeQueries.EnrolmentsAsync).WithName("getCandidateProgramme")
            .WithSummary("The candidate's enrolments on a programme with the outcomes reached, or as known on `asKnownOn`; ETag is the candidate's version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var days = api.MapGroup("/candidates/{candidateNumber}/day-activities").WithTags("Candidates");

        days.MapPost("", RecordDayActivityEndpoint.HandleAsync).WithName("recordDayActivity")
            .WithSummary("Record what the candidate (a school leaver) does by day from a date on.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        days.MapGet("", CandidateProgrammeQueries.DayActivitiesAsync).WithName("getDayActivities")
            .WithSummary("The candidate's school-leaver fact and day activities, or as known on `asKnownOn`; ETag is the candidate's version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
