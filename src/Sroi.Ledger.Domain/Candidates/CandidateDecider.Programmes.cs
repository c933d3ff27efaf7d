using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>Issue 22: enrolment on programmes and their outcomes, school leavers and their day activity.</summary>
public static partial class CandidateDecider
{
    public static IReadOnlyList<ICandidateEvent> Decide(EnrolInProgramme command, CandidateState state)
    {
        RequireRegistered(state);
        var programme = command.Programme;
        if (command.EnrolledOn < programme.StartsOn)
            throw new RuleViolation("programme.not-started",
                $"Programme {programme.Code} starts on {programme.StartsOn:yyyy-MM-dd}; no one is enrolled before that.", "enrolledOn");
        if (programme.EndsOn is { } ends && command.EnrolledOn > ends)
            throw new RuleViolation("programme.ended", $"Programme {programme.Code} ended on {ends:yyyy-MM-dd}.", "enrolledOn");
        if (command.EnrolledOn < state.RegisteredOn)
            throw new RuleViolation("programme.enrolment-before-registration",
                $"The candidate was registered on {state.RegisteredOn:yyyy-MM-dd}; record only what happens from then on.", "enrolledOn");
        NotInFuture(command.EnrolledOn, command.Today, "programme.enrolment-in-future", "enrolledOn");
        if (state.LatestEnrolment(programme.Code) is { } latest)
        {
            if (latest.EndedOn is null)
                throw new RuleViolation("programme.already-enrolled",
                    $"The candidate is enrolled on {programme.Code} since {latest.EnrolledOn:yyyy-MM-dd}; end that enrolment first.", "enrolledOn");
            // Enrolments on one programme follow each other, so an outcome's date says which one it belongs to.
            if (command.EnrolledOn <= latest.EndedOn)
                throw new RuleViolation("programme.enrolment-overlaps",
                    $"The previous enrolment on {programme.Code} ended on {latest.EndedOn:yyyy-MM-dd}; a new one starts after that.", "enrolledOn");
        }
        return [new EnrolledInProgramme(programme.Code, command.EnrolledOn)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(EndProgrammeEnrolment command, CandidateState state)
    {
        RequireRegistered(state);
        if (state.LatestEnrolment(command.Programme) is not { EndedOn: null } enrolment)
            throw new RuleViolation("programme.not-enrolled", $"The candidate is not enrolled on {command.Programme}.");
        if (command.EndedOn < enrolment.EnrolledOn)
            throw new RuleViolation("programme.enrolment-ends-before-start",
                $"The enrolment started on {enrolment.EnrolledOn:yyyy-MM-dd}; it cannot end before that.", "endedOn");
        if (enrolment.Outcomes.Where(o => o.On > command.EndedOn).Select(o => (OutcomeReached?)o).FirstOrDefault() is { } later)
            throw new RuleViolation("programme.enrolment-ends-before-outcome",
                $"The outcome {later.Outcome} was reached on {later.On:yyyy-MM-dd}, during the enrolment; it cannot end before that.", "endedOn");
        NotInFuture(command.EndedOn, command.Today, "programme.enrolment-end-in-future", "endedOn");
        return [new ProgrammeEnrolmentEnded(command.Programme, command.EndedOn, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(RecordProgrammeOutcome command, CandidateState state)
    {
        RequireRegistered(state);
        var programme = command.Programme;
        if (!programme.Counts(command.Outcome))
            throw new RuleViolation("programme.outcome-not-counted",
                $"Programme {programme.Code} counts {string.Join(", ", programme.Outcomes)}; not {command.Outcome}.", "outcome");
        if (command.On < programme.StartsOn)
            throw new RuleViolation("programme.not-started",
                $"Programme {programme.Code} starts on {programme.StartsOn:yyyy-MM-dd}; nothing is reached in it before that.", "on");
        // An open enrolment may outlast the programme; what is reached after the programme ended is not the programme's.
        if (programme.EndsOn is { } ends && command.On > ends)
            throw new RuleViolation("programme.ended", $"Programme {programme.Code} ended on {ends:yyyy-MM-dd}; nothing is reached in it after that.", "on");
        NotInFuture(command.On, command.Today, "programme.outcome-in-future", "on");
        // An outcome counts for the programme only when the candidate took part on that day.
        var enrolments = state.Enrolments.Where(e => e.Programme == programme.Code).ToList();
        if (enrolments.FirstOrDefault(e => e.Holds(command.On)) is not { } enrolment)
            throw enrolments.Any(e => e.EnrolledOn <= command.On)
                ? new RuleViolation("programme.outcome-after-enrolment",
                    $"The candidate's enrolment on {programme.Code} had ended by {command.On:yyyy-MM-dd}.", "on")
                : new RuleViolation("programme.outcome-before-enrolment",
                    $"The candidate was not enrolled on {programme.Code} on {command.On:yyyy-MM-dd}; enrol first.", "on");
        if (enrolment.Outcomes.FirstOrDefault(o => o.Outcome == command.Outcome) is { } reached)
            throw new RuleViolation("programme.outcome-already-recorded",
                $"The candidate reached {command.Outcome} on {reached.On:yyyy-MM-dd} in this enrolment.", "outcome");
        return [new ProgrammeOutcomeRecorded(programme.Code, command.Outcome, command.On)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(WithdrawProgrammeOutcome command, CandidateState state)
    {
        RequireRegistered(state);
        // Only what is recorded (and not yet withdrawn) can be withdrawn: the outcome on that day, in an enrolment holding it.
        if (!state.Enrolments.Any(e => e.Programme == command.Programme && e.Outcomes.Contains(new OutcomeReached(command.Outcome, command.On))))
            throw new RuleViolation("programme.outcome-not-recorded",
                $"No outcome {command.Outcome} on {command.On:yyyy-MM-dd} is recorded for the candidate on {command.Programme}.", "outcome");
        return [new ProgrammeOutcomeWithdrawn(command.Programme, command.Outcome, command.On, command.Reason)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(RecordSchoolLeaver command, CandidateState state)
    {
        RequireRegistered(state);
        if (state.SchoolLeaver is not null)
            throw new RuleViolation("candidate.already-school-leaver", "The candidate is already recorded as a school leaver.", "schoolLeaver");
        if (!SchoolYears.IsSchoolYear(command.SchoolYearLeft))
            throw new RuleViolation("candidate.school-year-invalid", SchoolYears.Message, "schoolLeaver.schoolYearLeft");
        if (SchoolYears.FirstYear(command.SchoolYearLeft) > command.Today.Year)
            throw new RuleViolation("candidate.school-year-in-future", "A school year that has begun; record what has happened.", "schoolLeaver.schoolYearLeft");
        return [new SchoolLeaverRecorded(command.SchoolType, command.SchoolYearLeft)];
    }

    public static IReadOnlyList<ICandidateEvent> Decide(RecordDayActivity command, CandidateState state)
    {
        RequireRegistered(state);
        if (command.EffectiveOn < state.RegisteredOn)
            throw new RuleViolation("candidate.day-activity-before-registration",
                $"The candidate was registered on {state.RegisteredOn:yyyy-MM-dd}; record only what happens from then on.", "effectiveOn");
        // Recorded in effective order, as treden are: the activity in force is always the latest.
        if (state.DayActivities is [.., var current])
        {
            if (command.EffectiveOn < current.EffectiveOn)
                throw new RuleViolation("candidate.day-activity-out-of-order",
                    $"The day activity in force took effect on {current.EffectiveOn:yyyy-MM-dd}; a change cannot take effect before it.", "effectiveOn");
            if (command.Activity == current.Activity)
                throw new RuleViolation("candidate.day-activity-unchanged", "That is already the candidate's day activity.", "activity");
        }
        NotInFuture(command.EffectiveOn, command.Today, "candidate.day-activity-in-future", "effectiveOn");
        return [new DayActivityRecorded(command.Activity, command.EffectiveOn)];
    }

    /// <summary>Issue 22's events applied to the state (called from <see cref="Evolve"/>); null for any other event.</summary>
    private static CandidateState? EvolveProgrammes(CandidateState state, ICandidateEvent @event) => @event switch
    {
        EnrolledInProgramme e => state with { Enrolments = [.. state.Enrolments, new EnrolmentState(e.Programme, e.EnrolledOn, null, null, [])] },
        ProgrammeEnrolmentEnded e => state.WithLatestEnrolment(e.Programme, x => x with { EndedOn = e.EndedOn, EndReason = e.Reason }),
        ProgrammeOutcomeRecorded e => state with
        {
            Enrolments = [.. state.Enrolments.Select(x => x.Programme == e.Programme && x.Holds(e.On)
                ? x with { Outcomes = [.. x.Outcomes, new OutcomeReached(e.Outcome, e.On)] } : x)],
        },
        ProgrammeOutcomeWithdrawn e => state with
        {
            Enrolments = [.. state.Enrolments.Select(x => x.Programme == e.Programme && x.Holds(e.On)
                ? x with { Outcomes = [.. x.Outcomes.Where(o => o != new OutcomeReached(e.Outcome, e.On))] } : x)],
        },
        SchoolLeaverRecorded e => state with { SchoolLeaver = new SchoolLeaver(e.SchoolType, e.SchoolYearLeft) },
        DayActivityRecorded e => state with { DayActivities = [.. state.DayActivities, new DayActivityHeld(e.Activity, e.EffectiveOn)] },
        _ => null,
    };
}
