using NodaTime;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>What the decider needs to know about a contract, folded from its events.</summary>
public sealed record ContractState(
    bool Exists,
    ContractCategory Category,
    Money ContractValue,
    LocalDate AwardedOn,
    LocalDate StartsOn,
    ContractStatus Status,
    ObligationBasis? Basis,
    Obligation? Obligation)
{
    public static ContractState Initial { get; } =
        new(false, default, Money.Zero, default, default, ContractStatus.Active, null, null);
}
