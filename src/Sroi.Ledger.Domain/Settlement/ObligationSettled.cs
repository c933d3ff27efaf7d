using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Settlement;

/// <summary>
/// How the WSP settled an obligation at the end of the term (handhaving). The ledger records the decision; it
/// does not invent one: met, a penalty, a buy-off (afkoop) or a waiver with its reason.
/// </summary>
public enum SettlementOutcome
{
    Met,
    Penalty,
    BuyOff,
    Waived,
}

/// <param name="Amount">The penalty or buy-off amount; null for met and waived.</param>
/// <param name="Today">The business date now, passed in so the decider stays pure.</param>
public sealed record SettleObligation(SettlementOutcome Outcome, Money? Amount, string? Reason, LocalDate Today);

/// <summary>
/// <c>contract.settled.v1</c>: the decision, with the figures it was taken on (obligation, accepted value and
/// shortfall), so that the settlement reads the same whatever happens to the tables later.
/// </summary>
public sealed record ObligationSettled(
    SettlementOutcome Outcome,
    Money? Amount,
    string? Reason,
    LocalDate SettledOn,
    Money Obligation,
    Money Accepted,
    Money Shortfall) : IContractEvent;
