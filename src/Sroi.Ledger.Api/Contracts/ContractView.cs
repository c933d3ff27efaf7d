using System.ComponentModel;
using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Pso;
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
    long Version)
{
    // Why `obligation` stays the decided one: its percentage, policy version and reason are the terms decided at
    // registration or amendment (the amendments list the same), while a PSO reduction may run under several certificates
    // and policy versions pro rata by day, so it is no single percentage. The figure in force sits beside it, named so.
    [Description("The obligation in force: `obligation.amount` less the PSO reduction (`psoReduction.amount`); " +
        "the figure the balance (`obligation` there), the list, the worklist, the reports and the settlement use. " +
        "`obligation` itself is the obligation as decided at registration or amendment, before PSO (the balance's `obligationBeforePso`).")]
    public Money ObligationInForce { get; init; }

    [Description("The PSO reduction folded into the contract from its `contract.pso-applied.v1` events: the amount and, per run of days, " +
        "the certificate, its level, the policy version and its percentage (as the balance's `pso.reductionLines`). " +
        "Null when no certificate reduces the obligation.")]
    public PsoReduction? PsoReduction { get; init; }
}

public sealed record AmendmentResponse(Money PreviousValue, Money NewValue, LocalDate EffectiveOn, string Reason, Obligation Obligation);

/// <summary>The contract's state as the API shows it: a mapping, beside the balance's fold for the obligation in force.</summary>
public static class ContractView
{
    // The document's balance, folded with it: a list or a read may load the document without its reports.
    public static ContractResponse From(ContractDocument document) => From(document.State, document.StreamVersion, document.Balance);

    /// <summary>Where the contract is read: the Location of its registration.</summary>
    public static string PathOf(Guid contractId) => $"/api/v1/contracts/{contractId}";

    /// <param name="version">The stream version <paramref name="state"/> folds.</param>
    public static ContractResponse From(ContractState state, long version) => From(state, version, null);

    /// <param name="balance">The balance of <paramref name="state"/> when folded already; the same fold of the PSO terms as the
    /// balance's endpoint either way, so the two never disagree.</param>
    private static ContractResponse From(ContractState state, long version, ContractBalance? balance)
    {
        if (!state.Exists || state.Contractor is null || state.Obligation is null)
            throw new InvalidOperationException("A contract stream must start with contract.registered.v1.");
        balance ??= ContractBalance.Of(state);
        return new ContractResponse(state.Id, state.Municipality, state.Reference, state.Title, state.Category,
            state.ContractValue, state.Contractor, state.AwardedOn, state.StartsOn, state.EndsOn, state.Scope, state.Status,
            state.CompletedOn, state.Obligation, ObligationBasisResponse.From(state.Basis),
            [.. state.Amendments.Select(a => new AmendmentResponse(a.PreviousValue, a.NewValue, a.EffectiveOn, a.Reason, a.Obligation))],
            state.Settlement, version)
        {
            ObligationInForce = balance.Obligation,
            PsoReduction = balance.Pso?.Reduction is { Lines.Count: > 0 } reduction ? reduction : null,
        };
    }
}
