using NodaTime;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>
/// One line of a plan of approach: how much of one kind (and, where the kind has them, one building block) the contractor
/// plans to realise between <paramref name="From"/> and <paramref name="To"/> (both included). The unit follows the kind
/// (<see cref="PlanUnits.Of"/>): persons for the kinds that place people, euros for purchases and training, hours for
/// social activities. A line without a block covers every block of its kind.
/// </summary>
public sealed record PlanLine(FulfilmentKind Kind, BuildingBlockCode? Block, LocalDate From, LocalDate To, decimal Amount)
{
    public bool Overlaps(PlanLine other) =>
        Kind == other.Kind && (Block is null || other.Block is null || Block == other.Block) && From <= other.To && other.From <= To;
}

/// <summary><c>contract.plan-submitted.v1</c>: the contractor (or procurement for it) submitted revision <paramref name="Revision"/> of the plan.</summary>
public sealed record PlanSubmitted(int Revision, IReadOnlyList<PlanLine> Lines, LocalDate SubmittedOn) : IContractEvent;

/// <summary><c>contract.plan-approved.v1</c>: the WSP approved the submitted revision; it is the plan in force from now on.</summary>
public sealed record PlanApproved(int Revision, LocalDate ApprovedOn, string? Note) : IContractEvent;

/// <summary><c>contract.plan-returned.v1</c>: the WSP sent the submitted revision back with a reason; the plan in force stays.</summary>
public sealed record PlanReturned(int Revision, LocalDate ReturnedOn, string Reason) : IContractEvent;
