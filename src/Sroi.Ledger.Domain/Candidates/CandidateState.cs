using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>What the decider needs to know about a candidate, folded from the stream.</summary>
/// <param name="TredeSince">The effective date of the trede in force (registration or the latest change).</param>
public sealed record CandidateState(
    bool Exists,
    MunicipalityCode Municipality,
    LocalDate RegisteredOn,
    TargetGroup TargetGroup,
    int Trede,
    LocalDate TredeSince,
    LocalDate? BenefitSince,
    BenefitEnded? BenefitEnded,
    IReadOnlyDictionary<Guid, PlacementState> Placements)
{
    public static CandidateState Initial { get; } =
        new(false, default, default, default, 0, default, null, null, new Dictionary<Guid, PlacementState>());

    public CandidateState WithPlacement(PlacementState placement) =>
        this with { Placements = new Dictionary<Guid, PlacementState>(Placements) { [placement.Id] = placement } };
}

public sealed record PlacementState(
    Guid Id,
    LocalDate StartedOn,
    decimal HoursPerWeek,
    bool FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    SroiContractRef? SroiContract,
    LocalDate? EndedOn,
    bool Withdrawn);
