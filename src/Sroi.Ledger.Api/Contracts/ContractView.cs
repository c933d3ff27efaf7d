using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>A contract as the API shows it, folded from its events; also the stored read-model document. Its version counts every event of the stream, reports included.</summary>
public sealed record ContractResponse(
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
    IReadOnlyList<AmendmentResponse> Amendments,
    ObligationSettled? Settlement,
    long Version);

public sealed record AmendmentResponse(Money PreviousValue, Money NewValue, LocalDate EffectiveOn, string Reason, Obligation Obligation);

public static class ContractView
{
    /// <summary>The view after all <paramref name="events"/>; <paramref name="version"/> is the stream version they bring it to.</summary>
    public static ContractResponse From(IEnumerable<IContractEvent> events, long version) =>
        Existing(events.Aggregate((ContractResponse?)null, Evolve)) with { Version = version };

    /// <summary>
    /// The view after more events, from the view before them: the write path applies the decided events to the
    /// view it already folded for the visibility check, instead of folding the whole stream again.
    /// </summary>
    /// <remarks><paramref name="before"/> is null for a contract not registered yet.</remarks>
    public static ContractResponse Then(ContractResponse? before, IEnumerable<IContractEvent> events, long version) =>
        Existing(events.Aggregate(before, Evolve)) with { Version = version };

    private static ContractResponse Evolve(ContractResponse? view, IContractEvent e) => e switch
    {
        ContractRegistered r => new ContractResponse(r.ContractId, r.Municipality, r.Reference, r.Title, r.Category,
            r.ContractValue, r.Contractor, r.AwardedOn, r.StartsOn, r.EndsOn, r.Scope, ContractStatus.Active, null,
            r.Obligation, [], null, 0),
        ContractAmended a => Existing(view) with
        {
            ContractValue = a.NewValue,
            Obligation = a.Obligation,
            Amendments = [.. Existing(view).Amendments, new AmendmentResponse(a.PreviousValue, a.NewValue, a.EffectiveOn, a.Reason, a.Obligation)],
        },
        ContractCompleted c => Existing(view) with { Status = ContractStatus.Completed, CompletedOn = c.CompletedOn },
        ObligationSettled settled => Existing(view) with { Settlement = settled },
        // Reports live in their own read rows (FulfilmentView); they only move the contract's version.
        FulfilmentReported or FulfilmentAccepted or FulfilmentRejected or FulfilmentWithdrawn => Existing(view),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown contract event."),
    };

    private static ContractResponse Existing(ContractResponse? view) =>
        view ?? throw new InvalidOperationException("A contract stream must start with contract.registered.v1.");
}
