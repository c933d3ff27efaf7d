using NodaTime;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Regions;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>Decides contract commands over the contract's state. Pure: no clock, no IO.</summary>
public static class ContractDecider
{
    public static IReadOnlyList<IContractEvent> Decide(RegisterContract command, ContractState state)
    {
        if (state.Exists)
            throw new RuleViolation("contract.already-registered", $"Contract {command.ContractId} is already registered.");
        if (command.EndsOn < command.StartsOn)
            throw new RuleViolation("contract.ends-before-start", "A contract cannot end before it starts.", "endsOn");

        var basis = BasisFor(command.Sroi, command.PolicyInForce, command.Municipality, command.AwardedOn, command.Category);
        var participation = command.Scope == ContractScope.Regional
            ? RegionalParticipation.Decide(command.Municipality, command.Participants, command.AwardedOn, command.Regions)
            : null;
        IContractEvent registered = new ContractRegistered(
            command.ContractId, command.Municipality, command.Reference, command.Title, command.Category,
            command.ContractValue, command.Contractor, command.AwardedOn, command.StartsOn, command.EndsOn,
            command.Scope, basis, basis.For(command.ContractValue, command.Category));
        return participation is null ? [registered] : [registered, participation];
    }

    public static IReadOnlyList<IContractEvent> Decide(AmendContractValue command, ContractState state)
    {
        var basis = RequireActive(state);
        if (state.Settlement is not null)
            throw new RuleViolation("contract.settled", "The obligation is settled; the contract value can no longer change.");
        if (command.EffectiveOn < state.AwardedOn)
            throw new RuleViolation("contract.amendment-before-award",
                $"An amendment cannot take effect before the award date {state.AwardedOn:yyyy-MM-dd}.", "effectiveOn");
        if (command.NewValue == state.ContractValue)
            throw new RuleViolation("contract.amendment-without-change",
                $"The contract value is already {state.ContractValue}.", "contractValue");

        return [new ContractAmended(state.ContractValue, command.NewValue, command.EffectiveOn, command.Reason,
            basis.For(command.NewValue, state.Category))];
    }

    public static IReadOnlyList<IContractEvent> Decide(CompleteContract command, ContractState state)
    {
        RequireActive(state);
        if (command.CompletedOn < state.StartsOn)
            throw new RuleViolation("contract.completed-before-start",
                $"The work cannot end before the contract starts ({state.StartsOn:yyyy-MM-dd}).", "completedOn");
        if (command.CompletedOn > command.Today)
            throw new RuleViolation("contract.completed-in-future",
                $"Completion is recorded once the work has ended; {command.CompletedOn:yyyy-MM-dd} is after today.", "completedOn");
        return [new ContractCompleted(command.CompletedOn)];
    }

    /// <summary>Each contract event applied in one place: the deciders, the document Marten keeps and the API all read this fold.</summary>
    public static ContractState Evolve(ContractState state, IContractEvent @event) => @event switch
    {
        ContractRegistered e => ContractState.Registered(e),
        ContractAmended e => state with { ContractValue = e.NewValue, Obligation = e.Obligation, Amendments = state.Amendments.Add(e) },
        ContractCompleted e => state with { Status = ContractStatus.Completed, CompletedOn = e.CompletedOn },
        // A document without its list (a later release's): neither the list nor the totals can move here; null says so.
        FulfilmentReported or FulfilmentAccepted or FulfilmentRejected or FulfilmentWithdrawn when state.ReportsApart => state with { Totals = null },
        FulfilmentReported or FulfilmentAccepted or FulfilmentRejected or FulfilmentWithdrawn => Reported(state, @event),
        ObligationSettled e => state with { Settlement = e },
        ContractParticipantsRecorded e => state with { Participation = e },
        Plans.PlanSubmitted or Plans.PlanApproved or Plans.PlanReturned => Tallied(state, state with { Plan = state.Plan.Apply(@event) }),
        // Replaces the terms whole; a settled contract is never given one (ContractPsoDecider), so its figures stay as decided.
        ContractPsoApplied e => Tallied(state, state with { Pso = e }),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown contract event."),
    };

    public static ContractState Fold(IEnumerable<IContractEvent> events) => events.Aggregate(ContractState.Initial, Evolve);

    /// <summary>
    /// A report event over the reports it touches (<see cref="ReportSlice.Of(FulfilmentList, IContractEvent)"/>): the list
    /// (whole, or the slice a write path loaded) evolves as before, and the totals move by that slice before and after, so
    /// they are right whichever of the two the state holds.
    /// </summary>
    private static ContractState Reported(ContractState state, IContractEvent @event)
    {
        var before = ReportSlice.Of(state.Fulfilments, @event);
        var after = FulfilmentDecider.Evolve(before, @event);
        return state with
        {
            Fulfilments = FulfilmentDecider.Evolve(state.Fulfilments, @event),
            Totals = state.TotalsNow().Apply(before, after, state.Pso),
        };
    }

    /// <summary>
    /// A plan or PSO event changes what the reports are tallied against, so the tally is taken over every report once (rare
    /// events; a write path deciding one loads the whole list). Without the list (a later release's document) the totals are
    /// left unknown.
    /// </summary>
    private static ContractState Tallied(ContractState before, ContractState after) =>
        after.ReportsApart ? after with { Totals = null }
        : after with
        {
            Totals = before.TotalsNow() with
            {
                Plan = PlanTally.Of(after.Plan, after.Fulfilments),
                PsoPurchases = [.. PsoEffects.Purchases(after.Fulfilments.InOrder, after.Pso?.Purchases ?? [])],
            },
        };

    private static ObligationBasis RequireActive(ContractState state)
    {
        if (!state.Exists || state.Basis is null)
            throw new RuleViolation("contract.not-registered", "The contract is not registered.");
        if (state.Status == ContractStatus.Completed)
            throw new RuleViolation("contract.already-completed", "The contract is completed; it can no longer change.");
        return state.Basis;
    }

    /// <summary>
    /// How a contract registered with <paramref name="sroi"/> on <paramref name="awardedOn"/> owes social return; public so
    /// that the obligation preview answers from this rule, not from a copy of it.
    /// </summary>
    public static ObligationBasis BasisFor(SroiChoice sroi, SroiPolicyVersion? policy, MunicipalityCode municipality, LocalDate awardedOn,
        ContractCategory category) =>
        sroi switch
        {
            SroiChoice.Exemption e => new ObligationBasis.Exempted(e.Reason, policy?.Id),
            SroiChoice.Percentage p => new ObligationBasis.SetByProcurement(p.Value, policy?.Id, Explain(p, policy)),
            _ when policy is null => throw new RuleViolation("sroi.no-policy-in-force",
                $"{municipality} has no SROI policy in force on {awardedOn:yyyy-MM-dd}; " +
                "add a policy version, or set sroi.percentage or sroi.exemptionReason.", "awardedOn"),
            _ => new ObligationBasis.Policy(policy.Id, policy.Percentage, policy.Thresholds.For(category)),
        };

    private static string Explain(SroiChoice.Percentage choice, SroiPolicyVersion? policy)
    {
        var against = policy is null ? "no policy in force on the award date" : $"policy {policy.Id} says {policy.Percentage}%";
        return string.IsNullOrWhiteSpace(choice.Reason) ? $"({against})." : $"{choice.Reason} ({against}).";
    }
}
