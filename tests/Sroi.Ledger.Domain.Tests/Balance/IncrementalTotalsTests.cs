using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Plans;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Balance;

/// <summary>
/// Issue 23: the reports an event touches (<see cref="ReportSlice"/>) are all it needs, and the totals kept from them
/// (<see cref="ReportTotals"/>) equal the balance folded over every report — through reports, reviews, withdrawals and
/// corrections of pending, accepted and rejected reports (and corrections of corrections), in a long seeded walk.
/// </summary>
public class IncrementalTotalsTests
{
    /// <summary>The rules that refused a command of the walk: the slice must refuse for the same rule.</summary>
    private readonly HashSet<string> refusals = [];

    /// <summary>The business date of the walk's current step.</summary>
    private NodaTime.LocalDate today = Today;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Given_a_long_history_when_each_event_is_applied_to_its_slice_only_then_reports_and_totals_match_the_full_fold(int seed)
    {
        var random = new Random(seed);
        // A plan in force (persons of any block, persons of one block, training euros) and a revision awaiting review.
        var state = Contract(
            new PlanSubmitted(1, [
                new PlanLine(FulfilmentKind.Employment, null, D(2024, 4, 1), D(2024, 8, 31), 5),
                new PlanLine(FulfilmentKind.Employment, FulfilmentValuer.BlockFor(TargetGroup.Participatiewet), D(2024, 9, 1), D(2024, 12, 31), 3),
                new PlanLine(FulfilmentKind.Training, null, D(2025, 6, 1), D(2025, 12, 31), 10_000)], D(2024, 3, 15)),
            new PlanApproved(1, D(2024, 3, 20), null),
            new PlanSubmitted(2, [
                new PlanLine(FulfilmentKind.Employment, null, D(2024, 4, 1), D(2024, 12, 31), 10),
                new PlanLine(FulfilmentKind.Training, null, D(2025, 6, 10), D(2025, 7, 31), 2_000)], D(2024, 5, 1)),
            // One of the two suppliers PSO-certified for the second half of the term: its purchases count 100%.
            new ContractPsoApplied([], [new PsoPurchaseTerm(Certified.KvkNumber, D(2024, 10, 1), D(2025, 3, 31), 1, PsoLevel.Trede3, "GM0603-2024", 100m)], "test"));
        var totals = ReportTotals.Zero;
        var plan = PlanTally.Of(state.Plan, state.Fulfilments);
        IReadOnlyList<PsoPurchase> purchases = [];
        var applied = 0;
        for (var step = 0; step < 400; step++)
        {
            // The days move on (one in five steps), so reports are made on many days, and reviewed on later ones.
            today = Today.PlusDays(step / 5);
            if (Next(state, random) is not { } @event) continue;
            var slice = ReportSlice.Of(state.Fulfilments, @event);
            var sliceAfter = FulfilmentDecider.Evolve(slice, @event);
            var after = ContractDecider.Evolve(state, @event);

            // Every report the slice holds after the event is the report the full fold holds; no report outside it changed.
            foreach (var report in sliceAfter.InOrder)
                after.Fulfilments[report.Id].Should().Be(report);
            foreach (var report in after.Fulfilments.InOrder.Where(f => !sliceAfter.ContainsKey(f.Id)))
                state.Fulfilments[report.Id].Should().Be(report, $"{@event.GetType().Name} touched report {report.Id} outside its slice");

            totals = totals.Apply(slice, sliceAfter);
            // The balance before PSO's extra value (which the purchases below carry).
            totals.SameAs(ContractBalance.Of(after with { Pso = null }).ByKind).Should().BeTrue($"step {step}: {@event}");
            totals.Should().BeEquivalentTo(ReportTotals.Of(after.Fulfilments));
            plan = plan.Apply(slice, sliceAfter);
            purchases = PsoPurchaseTally.Apply(purchases, slice, sliceAfter, after.Pso!.Purchases);
            purchases.Should().Equal(ContractBalance.Of(after).Pso!.Purchases, $"step {step}: the PSO purchases");
            var figures = PlanFigures.Of(after);
            plan.InForce!.Select(l => l.Realised).Should().Equal(figures.InForce!.Lines.Select(l => l.Realised), $"step {step}: the plan in force");
            plan.Pending!.Select(l => l.Realised).Should().Equal(figures.Pending!.Lines.Select(l => l.Realised), $"step {step}: the revision awaiting review");
            // What the settlement and the monitoring ask of the reports, from the totals.
            totals.PendingCount.Should().Be(after.Fulfilments.InOrder.Count(f => f.Status == FulfilmentStatus.Pending));
            totals.ReportedOn.Should().Equal(after.Fulfilments.InOrder.Select(f => f.ReportedOn).Distinct().Order());
            var (from, to) = (today.PlusDays(-3), today.PlusDays(-1));
            totals.AnyReportedBetween(from, to).Should().Be(after.Fulfilments.InOrder.Any(f => f.ReportedOn >= from && f.ReportedOn <= to));
            TheContractsOwnTotalsHold(state, @event, after, step);
            state = after;
            applied++;
        }
        applied.Should().BeGreaterThan(250);
        purchases.Should().Contain(p => p.Status == FulfilmentStatus.Accepted).And.Contain(p => p.Status == FulfilmentStatus.Pending);
        plan.InForce!.Should().OnlyContain(l => l.Realised > 0, "every line of the plan in force realised something");
        refusals.Should().Contain(["fulfilment.period-overlap", "fulfilment.correction-pending"], "the walk met the rules that read other reports");
        state.Fulfilments.InOrder.Select(f => f.Status).Distinct().Should().HaveCount(5, "the walk reached every status");
        state.Fulfilments.InOrder.Should().Contain(f => f.PendingCorrection != null, "an accepted report awaits its correction's review");
    }

    /// <summary>
    /// The next event of the walk, decided by the deciders on the whole state; null when the decider refused it. Each decision
    /// is also taken on the state holding only the reports the command needs (<see cref="ReportSlice.Needs(ReportFulfilment)"/>):
    /// the same events, or the same refusal.
    /// </summary>
    private IContractEvent? Next(ContractState state, Random random)
    {
        var reports = state.Fulfilments.InOrder;
        Fulfilment? Pick(Func<Fulfilment, bool> which) => reports.Where(which).ToList() is { Count: > 0 } some ? some[random.Next(some.Count)] : null;
        (ReportNeeds Needs, Func<ContractState, IReadOnlyList<IContractEvent>> Decide)? command = random.Next(6) switch
        {
            0 or 1 when new ReportFulfilment(Guid.NewGuid(), Reporter.Opdrachtnemer, NewReport(random), Haaglanden, today) is var c =>
                (ReportSlice.Needs(c), s => FulfilmentDecider.Decide(c, s)),
            2 when Pick(f => f.Status == FulfilmentStatus.Pending) is { } p && new AcceptFulfilment(p.Id, null, today) is var c =>
                (ReportSlice.Needs(c), s => FulfilmentDecider.Decide(c, s)),
            3 when Pick(f => f.Status == FulfilmentStatus.Pending) is { } p && random.Next(2) == 0 && new RejectFulfilment(p.Id, "Geen bewijs", today) is var c =>
                (ReportSlice.Needs(c), s => FulfilmentDecider.Decide(c, s)),
            3 when Pick(f => f.Status == FulfilmentStatus.Pending) is { } p && new WithdrawFulfilment(p.Id, Reporter.Opdrachtnemer, null, today) is var c =>
                (ReportSlice.Needs(c), s => FulfilmentDecider.Decide(c, s)),
            4 or 5 when Pick(f => f.Status is FulfilmentStatus.Pending or FulfilmentStatus.Accepted or FulfilmentStatus.Rejected) is { } old
                && new CorrectFulfilment(old.Id, Guid.NewGuid(), Reporter.Opdrachtnemer, NewReport(random), Haaglanden, today) is var c =>
                (ReportSlice.Needs(c), s => FulfilmentDecider.Decide(c, s)),
            _ => null,
        };
        if (command is null) return null;
        var (needs, decide) = command.Value;
        var sliced = state with { Fulfilments = ReportSlice.Of(state.Fulfilments, needs) };
        var (onWhole, refusedOnWhole) = Attempt(() => decide(state));
        var (onSlice, refusedOnSlice) = Attempt(() => decide(sliced));
        CodeOf(refusedOnSlice).Should().Be(CodeOf(refusedOnWhole), "a command refused on its slice is refused on the whole list, for the same rule");
        if (refusedOnWhole is not null) refusals.Add(refusedOnWhole.Code);
        if (onWhole is null) return null; // refused (an overlap, a correction already pending, the original still counts): the walk goes on
        onSlice.Should().BeEquivalentTo(onWhole, o => o.RespectingRuntimeTypes(), "decided on the reports it needs, as on all of them");
        return onWhole.Single();
    }

    /// <summary>
    /// Stage 2: the totals the contract's own fold keeps (<see cref="ContractState.Totals"/>) equal those folded over every
    /// report, and the same fold over the event's slice alone (what a write path holds) gives the same totals, hence the
    /// same balance, plan figures, PSO purchases, monitoring and settlement decision as the whole list.
    /// </summary>
    private void TheContractsOwnTotalsHold(ContractState before, IContractEvent @event, ContractState after, int step)
    {
        after.Totals.Should().BeEquivalentTo(ContractTotals.Of(after), o => o.WithStrictOrdering(), $"step {step}: kept as folded over every report");
        var onSlice = ContractDecider.Evolve(before with { Fulfilments = ReportSlice.Of(before.Fulfilments, @event) }, @event);
        onSlice.Totals.Should().BeEquivalentTo(after.Totals, o => o.WithStrictOrdering(), $"step {step}: moved by the slice as by the whole list");
        ContractBalance.Of(onSlice).Should().BeEquivalentTo(ContractBalance.Of(after));
        PlanFigures.Of(onSlice).Should().BeEquivalentTo(PlanFigures.Of(after));
        ContractPsoDecider.SuppliersOf(onSlice).Should().Equal(after.Fulfilments.InOrder.Select(f => f.Report)
            .OfType<FulfilmentReport.SocialProcurement>().Select(p => p.Supplier.KvkNumber).Distinct());
        after.Totals!.Pending.Select(p => p.Id).Should().Equal(after.Fulfilments.InOrder.Where(f => f.Status == FulfilmentStatus.Pending).Select(f => f.Id));
        var terms = new Sroi.Ledger.Domain.Monitoring.MonitoringTerms(3, 3);
        Sroi.Ledger.Domain.Monitoring.ContractMonitoring.On(onSlice, terms, today).Should()
            .BeEquivalentTo(Sroi.Ledger.Domain.Monitoring.ContractMonitoring.On(after, terms, today));
        // The settlement after the term: refused while anything is pending, on the slice as on the whole list.
        var settle = new Sroi.Ledger.Domain.Settlement.SettleObligation(Sroi.Ledger.Domain.Settlement.SettlementOutcome.Waived, null, "test", after.EndsOn.PlusDays(1));
        var sliced = after with { Fulfilments = FulfilmentList.Empty };
        CodeOf(Attempt(() => Sroi.Ledger.Domain.Settlement.SettlementDecider.Decide(settle, sliced)).Refused).Should()
            .Be(CodeOf(Attempt(() => Sroi.Ledger.Domain.Settlement.SettlementDecider.Decide(settle, after)).Refused));
    }

    private static string CodeOf(RuleViolation? refusal) => refusal is null ? "(decided)" : refusal.Code;

    private static (IReadOnlyList<IContractEvent>? Events, RuleViolation? Refused) Attempt(Func<IReadOnlyList<IContractEvent>> decide)
    {
        try { return (decide(), null); }
        catch (RuleViolation violation) { return (null, violation); }
    }

    // Valued at 50% (the table's share for its recognition); PSO counts it at 100% in its term.
    private static readonly Supplier Certified = new(KvkNumber.Parse("87654321"), "Werkplaats", Sroi.Ledger.Domain.BuildingBlocks.SupplierRecognition.SocialEnterpriseNl);
    private static readonly Supplier Plain = new(KvkNumber.Parse("12345678"), "Drukkerij", Sroi.Ledger.Domain.BuildingBlocks.SupplierRecognition.SocialEnterpriseNl);

    /// <summary>
    /// Training of a random cost, a purchase from one of two suppliers (one PSO-certified for part of the term), or a month's
    /// employment of one of twelve candidates (an overlap is refused, and skipped).
    /// </summary>
    private static FulfilmentReport NewReport(Random random)
    {
        var invoice = random.Next(1, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (random.Next(3))
        {
            case 0: return new FulfilmentReport.Training("VCA", Euros(random.Next(100, 5_000)), null);
            case 1: return new FulfilmentReport.SocialProcurement(random.Next(2) == 0 ? Certified : Plain, "F-" + invoice,
                D(2024, 4, 1).PlusDays(random.Next(360)), Euros(random.Next(100, 5_000)));
        }
        var start = D(2024, 4 + random.Next(9), 1);
        var candidate = CandidateNumber.Parse((100_300 + random.Next(12)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Employment(Work(start, start.PlusMonths(1).PlusDays(-1), candidate: candidate));
    }
}
