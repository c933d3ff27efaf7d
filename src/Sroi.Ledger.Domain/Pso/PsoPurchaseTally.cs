using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Domain.Pso;

/// <summary>
/// The contract's PSO purchases (<see cref="PsoEffects.Purchases(IEnumerable{Fulfilment}, IReadOnlyList{PsoPurchaseTerm})"/>)
/// kept from each report event's slice (issue 23), as the totals are: the purchases of the reports the event touched are
/// taken out and those reports' purchases after it put back in their place, a new report's at the end (it is the last
/// reported). A change of the contract's PSO terms computes them over the reports again, once.
/// </summary>
public static class PsoPurchaseTally
{
    public static IReadOnlyList<PsoPurchase> Apply(IReadOnlyList<PsoPurchase> purchases, FulfilmentList before, FulfilmentList after,
        IReadOnlyList<PsoPurchaseTerm> terms)
    {
        if (terms.Count == 0) return purchases;
        var now = PsoEffects.Purchases(after.InOrder, terms).ToDictionary(p => p.Fulfilment);
        var kept = purchases
            .Where(p => !before.ContainsKey(p.Fulfilment) || now.ContainsKey(p.Fulfilment))
            .Select(p => now.GetValueOrDefault(p.Fulfilment, p))
            .ToList();
        // A report of the slice that had no purchase before and has one now: a new report (last in order), or one whose
        // status brought it in; the latter cannot happen (a purchase counts while pending or accepted, and a report only
        // leaves those), so it is appended as the newest.
        var placed = kept.Select(p => p.Fulfilment).ToHashSet();
        kept.AddRange(after.InOrder.Where(f => !placed.Contains(f.Id) && now.ContainsKey(f.Id)).Select(f => now[f.Id]));
        return kept;
    }
}
