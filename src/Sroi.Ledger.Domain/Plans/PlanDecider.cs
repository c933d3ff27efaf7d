using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>Decides the plan of approach of a contract over the contract's state. Pure: no clock, no IO.</summary>
public static class PlanDecider
{
    /// <summary>A plan is a handful of lines per kind and year; far more is a mistake, not a plan.</summary>
    public const int MaxLines = 100;

    public static IReadOnlyList<IContractEvent> Decide(SubmitPlan command, ContractState state)
    {
        RequireOpen(state);
        var lines = command.Lines;
        if (lines.Count == 0)
            throw new RuleViolation("plan.no-lines", "A plan has at least one line.", "lines");
        if (lines.Count > MaxLines)
            throw new RuleViolation("plan.too-many-lines", $"A plan has at most {MaxLines} lines.", "lines");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var field = $"lines[{i}]";
            if (line.Amount <= 0)
                throw new RuleViolation("plan.amount-not-positive", "A planned amount is above zero.", $"{field}.amount");
            if (PlanUnits.Of(line.Kind) == PlanUnit.Persons && decimal.Truncate(line.Amount) != line.Amount)
                throw new RuleViolation("plan.amount-not-whole", $"{line.Kind} is planned in persons: a whole number.", $"{field}.amount");
            if (line.Block is { } block && !PlanUnits.BlocksOf(line.Kind).Contains(block))
                throw new RuleViolation("plan.block-not-of-kind", $"Building block {block} is not one of {line.Kind}'s.", $"{field}.block");
            if (line.To < line.From)
                throw new RuleViolation("plan.ends-before-start", "A line's period cannot end before it starts.", $"{field}.to");
            if (line.From < state.StartsOn || line.To > state.EndsOn)
                throw new RuleViolation("plan.outside-contract-term",
                    $"A line's period lies within the contract's term, {state.StartsOn:yyyy-MM-dd} to {state.EndsOn:yyyy-MM-dd}.",
                    line.From < state.StartsOn ? $"{field}.from" : $"{field}.to");
            for (var j = 0; j < i; j++)
                if (lines[j].Overlaps(line))
                    throw new RuleViolation("plan.lines-overlap",
                        $"Lines {j} and {i} plan the same kind and block for overlapping periods; plan each once.", $"{field}.from");
        }
        return [new PlanSubmitted(state.Plan.NextRevision, [.. lines], command.Today)];
    }

    public static IReadOnlyList<IContractEvent> Decide(ApprovePlan command, ContractState state)
    {
        var pending = RequirePending(state);
        // Approval changes the plan in force, which a completed or settled contract's plan no longer does (as no revision
        // is submitted then); a revision left waiting is sent back instead.
        if (state.Status == ContractStatus.Completed)
            throw new RuleViolation("contract.already-completed", "The contract is completed; its plan can no longer change. Send the waiting revision back.");
        if (state.Settlement is not null)
            throw new RuleViolation("contract.settled", "The obligation is settled; its plan can no longer change. Send the waiting revision back.");
        return [new PlanApproved(pending.Revision, command.Today, command.Note)];
    }

    public static IReadOnlyList<IContractEvent> Decide(ReturnPlan command, ContractState state)
    {
        var pending = RequirePending(state);
        return [new PlanReturned(pending.Revision, command.Today, command.Reason)];
    }

    private static void RequireOpen(ContractState state)
    {
        if (!state.Exists || state.Obligation is null)
            throw new RuleViolation("contract.not-registered", "The contract is not registered.");
        if (state.Status == ContractStatus.Completed)
            throw new RuleViolation("contract.already-completed", "The contract is completed; its plan can no longer change.");
        if (state.Settlement is not null)
            throw new RuleViolation("contract.settled", "The obligation is settled; its plan can no longer change.");
        if (!state.Obligation.Applies)
            throw new RuleViolation("plan.no-obligation", "The contract owes no social return, so it has no plan of approach.");
    }

    private static PlanRevision RequirePending(ContractState state)
    {
        if (!state.Exists)
            throw new RuleViolation("contract.not-registered", "The contract is not registered.");
        return state.Plan.Pending
            ?? throw new RuleViolation("plan.nothing-submitted", "No revision of the plan awaits review; only a submitted revision is approved or sent back.");
    }
}
