using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

// Every command carries Today (the business date, from the caller's clock) so the decider stays pure:
// the ledger records what has happened, never a plan.

/// <param name="BenefitAct">Null: not given (a benefit falls under the Participatiewet).</param>
/// <param name="ServedByWsp">Null: not given (the WSP serves the candidates it registers).</param>
public sealed record RegisterCandidate(
    CandidateNumber CandidateNumber,
    MunicipalityCode Municipality,
    LocalDate RegisteredOn,
    int Trede,
    TargetGroup TargetGroup,
    LocalDate? BenefitSince,
    LocalDate Today,
    BenefitAct? BenefitAct = null,
    bool? ServedByWsp = null);

public sealed record ChangeTrede(int Trede, LocalDate EffectiveOn, string Reason, LocalDate Today);

/// <summary>What the caller found for the SROI contract a placement names.</summary>
public abstract record ContractLookup
{
    private ContractLookup() { }

    /// <summary>No contract was named.</summary>
    public sealed record None : ContractLookup;

    /// <summary>A contract was named that does not exist in the candidate's municipality.</summary>
    public sealed record Unknown(Guid ContractId) : ContractLookup;

    public sealed record Found(SroiContractRef Contract) : ContractLookup;
}

/// <param name="Employer">Required, except for a self-employed placement, which never records one.</param>
/// <param name="FullTime">Null: fulltime from 36 hours a week.</param>
public sealed record RecordPlacement(
    Guid PlacementId,
    Employer? Employer,
    LocalDate StartedOn,
    decimal HoursPerWeek,
    bool? FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    ContractLookup Contract,
    LocalDate Today);

public sealed record EndPlacement(Guid PlacementId, LocalDate EndedOn, string Reason, LocalDate Today);

/// <summary>
/// Replaces what is given and keeps the rest. Hours without <see cref="FullTime"/> recompute fulltime by the
/// 36-hour rule; a contract (<see cref="Contract"/> not None) goes with channel sroi, and leaving sroi drops it.
/// </summary>
public sealed record CorrectPlacement(
    Guid PlacementId,
    LocalDate? StartedOn,
    decimal? HoursPerWeek,
    bool? FullTime,
    PlacementKind? Kind,
    PlacementChannel? Channel,
    ContractLookup Contract,
    string Reason,
    LocalDate Today);

public sealed record WithdrawPlacement(Guid PlacementId, string Reason);

public sealed record EndBenefit(LocalDate EffectiveOn, BenefitEndReason Reason, LocalDate Today);

/// <summary>Corrects the recorded end of a placement: another date, or (<see cref="EndedOn"/> null) no end after all.</summary>
public sealed record CorrectPlacementEnd(Guid PlacementId, LocalDate? EndedOn, string Reason, LocalDate Today);
