using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Pso;

/// <summary>What PSO did to a contract's balance (<c>pso</c> of GET …/balance).</summary>
/// <param name="Reduction">The obligation's reduction for the contractor's certificates: <c>obligationBeforePso</c> − <c>obligation</c>.</param>
/// <param name="TermDays">The days of the term the reduction is spread over (both ends included).</param>
/// <param name="ReductionLines">Per run of days: the certificate, its level, the policy version and its percentage, and the amount.</param>
/// <param name="PurchasesAccepted">What purchases from certified suppliers add to <c>accepted</c> (and to social procurement's).</param>
/// <param name="PurchasesPending">What they add to <c>pending</c>.</param>
/// <param name="Purchases">Each such purchase: the supplier's certificate on the invoice date, the policy version, the share, the extra value.</param>
public sealed record PsoBalanceResponse(Money Reduction, int TermDays, IReadOnlyList<PsoReductionLine> ReductionLines,
    Money PurchasesAccepted, Money PurchasesPending, IReadOnlyList<PsoPurchase> Purchases)
{
    public static PsoBalanceResponse Of(PsoEffect effect) => new(effect.Reduction.Amount, effect.Reduction.TermDays, effect.Reduction.Lines,
        effect.ExtraWhere(FulfilmentStatus.Accepted), effect.ExtraWhere(FulfilmentStatus.Pending), effect.Purchases);
}
