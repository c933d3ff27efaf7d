using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Settlement;

/// <summary>Decides the settlement of a contract's obligation over the contract's state. Pure: no clock, no IO.</summary>
public static class SettlementDecider
{
    public static IReadOnlyList<IContractEvent> Decide(SettleObligation command, ContractState state)
    {
        if (!state.Exists)
            throw new RuleViolation("contract.not-registered", "The contract is not registered.");
        if (state.Settlement is not null)
            throw new RuleViolation("settlement.already-settled", $"The obligation was settled on {state.Settlement.SettledOn:yyyy-MM-dd}.");
        var balance = ContractBalance.Of(state);
        if (!balance.Applies)
            throw new RuleViolation("settlement.no-obligation", "The contract has no SROI obligation to settle.");
        if (command.Today <= state.EndsOn)
            throw new RuleViolation("settlement.before-end",
                $"An obligation is settled after the contract term; it ends on {state.EndsOn:yyyy-MM-dd}.");
        if (state.TotalsNow().Reports.PendingCount > 0)
            throw new RuleViolation("settlement.pending-reports",
                "Some reports are still pending: accept or reject them first, so that the settlement rests on reviewed figures.");

        var shortfall = balance.Remaining;
        switch (command.Outcome)
        {
            case SettlementOutcome.Met when shortfall > Money.Zero:
                throw new RuleViolation("settlement.not-met",
                    $"The obligation is not met: {shortfall} of {balance.Obligation} is still open. Settle with a penalty, a buy-off or a waiver.", "outcome");
            case SettlementOutcome.Penalty or SettlementOutcome.BuyOff or SettlementOutcome.Waived when shortfall == Money.Zero:
                throw new RuleViolation("settlement.obligation-met",
                    "The accepted value covers the obligation: there is nothing to enforce, settle it as met.", "outcome");
        }
        return [new ObligationSettled(command.Outcome, command.Amount, command.Reason, command.Today, balance.Obligation, balance.Accepted, shortfall)];
    }
}
