using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>A contract as the API shows it. Its version counts every event of the stream, reports included. Not sealed: the
/// contract list's item (<see cref="ReadingContracts.ContractListItem"/>) is this and what a list row needs beside it.</summary>
public record ContractResponse(
    Guid Id,
    MunicipalityCode Municipality,
    string Reference,
    string Title,
    ContractCategory Category,
    Money ContractValue,
    Contractor Contractor,
    LocalDate AwardedOn,
    LocalDate StartsOn,
    LocalDate EndsOn,
    ContractScope Scope,
    ContractStatus Status,
    LocalDate? CompletedOn,
    Obligation Obligation,
    ObligationBasisResponse? ObligationBasis,
    IReadOnlyList<AmendmentResponse> Amendments,
    ObligationSettled? Settlement,
    long Version);

public sealed record AmendmentResponse(Money PreviousValue, Money NewValue, LocalDate EffectiveOn, string Reason, Obligation Obligation);

/// <summary>The contract's state as the API shows it: a mapping, no fold of its own.</summary>
public static class ContractView
{
    public static ContractResponse From(ContractDocument document) => From(document.State, document.StreamVersion);

    /// <summary>Where the contract is read: the Location of its registration.</summary>
    public static string PathOf(Guid contractId) => $"/api/v1/contracts/{contractId}";

    /// <param name="version">The stream version <paramref name="state"/> folds.</param>
    public static ContractResponse From(ContractState state, long version)
    {
        if (!state.Exists || state.Contractor is null || state.Obligation is null)
            throw new InvalidOperationException("A contract stream must start with contract.registered.v1.");
        return new ContractResponse(state.Id, state.Municipality, state.Reference, state.Title, state.Category,
            state.ContractValue, state.Contractor, state.AwardedOn, state.StartsOn, state.EndsOn, state.Scope, state.Status,
            state.CompletedOn, state.Obligation, ObligationBasisResponse.From(state.Basis),
            [.. state.Amendments.Select(a => new AmendmentResponse(a.PreviousValue, a.NewValue, a.EffectiveOn, a.Reason, a.Obligation))],
            state.Settlement, version);
    }
}
