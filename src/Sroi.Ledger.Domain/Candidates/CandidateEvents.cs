using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>
/// Everything that can happen to a candidate's stream. A candidate is a pseudonymous number; personal data (a
/// BSN, a name, a birth date) is rejected before it could reach an event. Stored shapes never change: a new shape is a new event.
/// </summary>
public interface ICandidateEvent;

public sealed record Employer(KvkNumber KvkNumber, string Name);

/// <summary>The SROI contract a placement was found under, with its scope as it was when the placement was recorded.</summary>
public sealed record SroiContractRef(Guid ContractId, ContractScope Scope);

/// <summary><c>candidate.registered.v1</c>: the WSP registered a candidate with their trede and target group.</summary>
/// <param name="BenefitSince">When the candidate's benefit started; null: the candidate has no benefit.</param>
public sealed record CandidateRegistered(
    CandidateNumber CandidateNumber,
    MunicipalityCode Municipality,
    LocalDate RegisteredOn,
    int Trede,
    TargetGroup TargetGroup,
    LocalDate? BenefitSince) : ICandidateEvent;

/// <summary><c>candidate.trede-changed.v1</c>: a re-assessment moved the candidate on the participatieladder.</summary>
public sealed record TredeChanged(int From, int To, LocalDate EffectiveOn, string Reason) : ICandidateEvent;

/// <summary><c>candidate.placement-recorded.v1</c>: the candidate started work.</summary>
/// <param name="Employer">Null for a self-employed candidate, whose own business would identify them.</param>
public sealed record PlacementRecorded(
    Guid PlacementId,
    Employer? Employer,
    LocalDate StartedOn,
    decimal HoursPerWeek,
    bool FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    SroiContractRef? SroiContract) : ICandidateEvent;

/// <summary><c>candidate.placement-ended.v1</c>: the work ended.</summary>
public sealed record PlacementEnded(Guid PlacementId, LocalDate EndedOn, string Reason) : ICandidateEvent;

/// <summary>
/// <c>candidate.placement-corrected.v1</c>: the placement was recorded with a wrong start, hours, kind or channel.
/// Carries every countable attribute as it is after the correction, so a reader never has to merge.
/// </summary>
public sealed record PlacementCorrected(
    Guid PlacementId,
    LocalDate StartedOn,
    decimal HoursPerWeek,
    bool FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    SroiContractRef? SroiContract,
    string Reason) : ICandidateEvent;

/// <summary><c>candidate.placement-withdrawn.v1</c>: the placement was recorded by mistake and counts nowhere.</summary>
public sealed record PlacementWithdrawn(Guid PlacementId, string Reason) : ICandidateEvent;

/// <summary><c>candidate.benefit-ended.v1</c>: the candidate's benefit ended (uitstroom), for work income or otherwise.</summary>
public sealed record BenefitEnded(LocalDate EffectiveOn, BenefitEndReason Reason) : ICandidateEvent;

/// <summary>
/// <c>candidate.placement-end-corrected.v1</c>: the end recorded for a placement was wrong: it ended on
/// <see cref="EndedOn"/> instead, or (null) it has not ended: the end was recorded by mistake and the work runs on.
/// </summary>
public sealed record PlacementEndCorrected(Guid PlacementId, LocalDate? EndedOn, string Reason) : ICandidateEvent;
