using System.Collections.Immutable;
using NodaTime;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>What the deciders need to know about a contract, folded from its events: the contract, its reports and its settlement.</summary>
public sealed record ContractState(
    bool Exists,
    ContractCategory Category,
    Money ContractValue,
    LocalDate AwardedOn,
    LocalDate StartsOn,
    LocalDate EndsOn,
    ContractStatus Status,
    ObligationBasis? Basis,
    Obligation? Obligation)
{
    public static ContractState Initial { get; } =
        new(false, default, Money.Zero, default, default, default, ContractStatus.Active, null, null);

    public ImmutableDictionary<Guid, Fulfilment> Fulfilments { get; init; } = ImmutableDictionary<Guid, Fulfilment>.Empty;

    public ObligationSettled? Settlement { get; init; }
}
