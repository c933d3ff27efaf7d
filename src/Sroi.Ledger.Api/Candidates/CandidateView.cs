using NodaTime;
using Sroi.Ledger.Api.Candidates.DayActivities;
using Sroi.Ledger.Api.Programmes.Enrolling;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// A candidate as the API shows it: trede history, benefit (its act and whether the WSP serves the candidate), placements,
/// and since issue 22 its enrolments on programmes with their outcomes, and, for a school leaver, the school left and the
/// day activities (empty lists and null for a candidate with none).
/// </summary>
public sealed record CandidateResponse(
    CandidateNumber CandidateNumber,
    MunicipalityCode Municipality,
    LocalDate RegisteredOn,
    TargetGroup TargetGroup,
    int Trede,
    LocalDate? BenefitSince,
    BenefitEndResponse? BenefitEnded,
    IReadOnlyList<TredeResponse> Treden,
    IReadOnlyList<PlacementResponse> Placements,
    long Version,
    BenefitAct? BenefitAct,
    bool ServedByWsp,
    IReadOnlyList<BenefitActResponse> BenefitActs,
    IReadOnlyList<WspServiceResponse> WspService,
    IReadOnlyList<ProgrammeEnrolmentResponse> Programmes,
    SchoolLeaverResponse? SchoolLeaver,
    IReadOnlyList<DayActivityResponse> DayActivities);

/// <summary>One enrolment on a programme (by its code), in the order enrolled, with the outcomes reached during it.</summary>
/// <param name="EndedOn">Null while the candidate takes part.</param>
public sealed record ProgrammeEnrolmentResponse(string Programme, LocalDate EnrolledOn, LocalDate? EndedOn, string? EndReason, IReadOnlyList<OutcomeResponse> Outcomes);

/// <summary>An act set for the benefit from a date (the registration's Participatiewet is not listed: it is what none means).</summary>
public sealed record BenefitActResponse(BenefitAct BenefitAct, LocalDate EffectiveOn);

/// <summary>A change of whether the WSP serves the candidate, from a date.</summary>
public sealed record WspServiceResponse(bool Served, LocalDate EffectiveOn);

/// <summary>One trede the candidate held: from registration (<see cref="From"/> null) or from a change.</summary>
public sealed record TredeResponse(int Trede, int? From, LocalDate EffectiveOn, string? Reason);

public sealed record BenefitEndResponse(LocalDate EffectiveOn, BenefitEndReason Reason);

/// <param name="CountsInYear">The year of the (corrected) start date; null once withdrawn, since it counts nowhere.</param>
public sealed record PlacementResponse(
    Guid Id,
    Employer? Employer,
    LocalDate StartedOn,
    int? CountsInYear,
    decimal HoursPerWeek,
    bool FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    SroiContractRef? SroiContract,
    LocalDate? EndedOn,
    string? EndReason,
    IReadOnlyList<string> CorrectionReasons,
    string? WithdrawalReason,
    long Version);

/// <summary>The response is a pure mapping of the folded state (<see cref="CandidateDocument"/>): nothing is applied here.</summary>
public static class CandidateView
{
    /// <summary>The candidate as the API shows it; <paramref name="version"/> is the stream version the state folds.</summary>
    public static CandidateResponse From(CandidateState state, long version) =>
        new(state.CandidateNumber, state.Municipality, state.RegisteredOn, state.TargetGroup, state.Trede, state.BenefitSince,
            state.BenefitEnded is { } ended ? new BenefitEndResponse(ended.EffectiveOn, ended.Reason) : null,
            [.. state.Treden.Select(t => new TredeResponse(t.Trede, t.From, t.EffectiveOn, t.Reason))],
            // Placements carry the candidate's version too: it is the ETag of the stream they live in.
            [.. state.Placements.Select(p => From(p, version))],
            version,
            // The act of a municipal benefit only: any other candidate has none to show.
            state is { TargetGroup: TargetGroup.Participatiewet, BenefitSince: not null } ? state.BenefitAct : null,
            state.ServedByWsp,
            [.. state.BenefitActs.Select(a => new BenefitActResponse(a.BenefitAct, a.EffectiveOn))],
            [.. state.WspService.Select(w => new WspServiceResponse(w.Served, w.EffectiveOn))],
            [.. state.Enrolments.Select(e => new ProgrammeEnrolmentResponse(e.Programme, e.EnrolledOn, e.EndedOn, e.EndReason,
                [.. e.Outcomes.Select(o => new OutcomeResponse(o.Outcome, o.On))]))],
            state.SchoolLeaver is { } leaver ? new SchoolLeaverResponse(leaver.SchoolType, leaver.SchoolYearLeft) : null,
            [.. state.DayActivities.Select(a => new DayActivityResponse(a.Activity, a.EffectiveOn))]);

    public static CandidateResponse From(CandidateDocument document) => From(document.State, document.StreamVersion);

    private static PlacementResponse From(PlacementState p, long version) =>
        new(p.Id, p.Employer, p.StartedOn, p.Withdrawn ? null : p.StartedOn.Year, p.HoursPerWeek, p.FullTime, p.Kind, p.Channel,
            p.SroiContract, p.EndedOn, p.EndReason, p.CorrectionReasons, p.WithdrawalReason, version);
}
