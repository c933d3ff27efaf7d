using System.Collections.Immutable;
using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Contracts;

/// <summary>A report awaiting review as the worklist shows it (the contract's <c>pending_reports</c> column).</summary>
public sealed record PendingReport(Guid Id, LocalDate ReportedOn, FulfilmentKind Kind, Money Value);

/// <summary>
/// Everything the contract's readers and deciders ask of its reports as a whole, kept in the contract's state beside them
/// (issue 23, stage 2): <see cref="ContractDecider.Evolve"/> moves it by each report event's slice before and after
/// (<see cref="ReportSlice.Of(FulfilmentList, IContractEvent)"/>), so the same fold is right over the whole list (the
/// history, <c>?asKnownOn=</c>, the verification, a rebuild) and over the slice a write path loads. Nothing here grows with
/// the reports but <see cref="Pending"/> (what awaits review) and <see cref="PsoPurchases"/> (the certified suppliers'
/// purchases): <see cref="Reports"/> is per kind and day, <see cref="Plan"/> per line and person, the suppliers distinct.
/// </summary>
/// <param name="Suppliers">The suppliers of the contract's social purchases, in the order first reported (whose PSO
/// certificates count, <see cref="ContractPsoDecider.SuppliersOf"/>): a report never leaves the list, so only added to.</param>
/// <param name="Pending">The reports awaiting review, in reported order.</param>
public sealed record ContractTotals(
    ReportTotals Reports,
    PlanTally Plan,
    ImmutableList<PsoPurchase> PsoPurchases,
    ImmutableList<KvkNumber> Suppliers,
    ImmutableList<PendingReport> Pending)
{
    public static ContractTotals Empty { get; } = new(ReportTotals.Zero, PlanTally.None, [], [], []);

    /// <summary>Folded over every report of <paramref name="state"/> (its list is whole): the repair of totals that are not kept.</summary>
    public static ContractTotals Of(ContractState state) => Of(state.Fulfilments, state.Plan, state.Pso);

    /// <summary>Folded over <paramref name="reports"/>, every report of the contract in reported order.</summary>
    public static ContractTotals Of(FulfilmentList reports, ContractPlan plan, ContractPsoApplied? pso) => new(
        ReportTotals.Of(reports),
        PlanTally.Of(plan, reports),
        [.. PsoEffects.Purchases(reports.InOrder, pso?.Purchases ?? [])],
        [.. reports.InOrder.Select(f => f.Report).OfType<FulfilmentReport.SocialProcurement>().Select(p => p.Supplier.KvkNumber).Distinct()],
        [.. PendingIn(reports)]);

    /// <summary>The reports of <paramref name="reports"/> awaiting review, in reported order.</summary>
    public static IEnumerable<PendingReport> PendingIn(FulfilmentList reports) =>
        reports.InOrder.Where(f => f.Status == FulfilmentStatus.Pending).Select(PendingOf);

    /// <summary>
    /// After a report event that turned the reports <paramref name="before"/> into <paramref name="after"/> (its slice, before
    /// and after <see cref="FulfilmentDecider.Evolve"/>; a new report is in <paramref name="after"/> only).
    /// </summary>
    public ContractTotals Apply(FulfilmentList before, FulfilmentList after, ContractPsoApplied? pso)
    {
        var suppliers = Suppliers;
        foreach (var supplier in after.InOrder.Select(f => f.Report).OfType<FulfilmentReport.SocialProcurement>().Select(p => p.Supplier.KvkNumber))
            if (!suppliers.Contains(supplier)) suppliers = suppliers.Add(supplier);
        // A report only leaves "pending" (and a new one is the last reported): those of the slice still pending keep their
        // place, the others go, a new pending one comes last.
        var nowPending = after.InOrder.Where(f => f.Status == FulfilmentStatus.Pending).ToDictionary(f => f.Id);
        var pending = Pending
            .Where(p => !before.ContainsKey(p.Id) || nowPending.ContainsKey(p.Id))
            .Select(p => nowPending.TryGetValue(p.Id, out var f) ? PendingOf(f) : p)
            .ToImmutableList();
        var placed = pending.Select(p => p.Id).ToHashSet();
        pending = pending.AddRange(after.InOrder.Where(f => nowPending.ContainsKey(f.Id) && !placed.Contains(f.Id)).Select(PendingOf));
        return new(Reports.Apply(before, after), Plan.Apply(before, after),
            [.. PsoPurchaseTally.Apply(PsoPurchases, before, after, pso?.Purchases ?? [])], suppliers, pending);
    }

    private static PendingReport PendingOf(Fulfilment f) => new(f.Id, f.ReportedOn, f.Report.Kind, f.Valuation.Value);
}
