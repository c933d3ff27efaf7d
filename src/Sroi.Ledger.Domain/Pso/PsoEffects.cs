using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Pso;

/// <summary>
/// One run of days of the term on which the same certificate under the same policy version reduced the obligation.
/// <paramref name="Amount"/> is this run's share of the reduction: obligation × percentage × days / term days.
/// </summary>
public sealed record PsoReductionLine(LocalDate From, LocalDate To, int Days, int Certificate, PsoLevel Level, string? CertificateNumber,
    string PolicyVersion, decimal Percentage, Money Amount);

/// <summary>The reduction of a contract's obligation for its contractor's PSO certificates, per run of days.</summary>
public sealed record PsoReduction(Money Amount, int TermDays, IReadOnlyList<PsoReductionLine> Lines)
{
    public static PsoReduction None(int termDays) => new(Money.Zero, termDays, []);
}

/// <summary>
/// A social purchase from a PSO-certified supplier that counts more than its valuation: <paramref name="Counted"/> is
/// <paramref name="Share"/>% of the amount excl. VAT, <paramref name="Extra"/> what that adds to <paramref name="Valued"/>
/// (the building-block table's share for the supplier's stated recognition).
/// </summary>
public sealed record PsoPurchase(Guid Fulfilment, FulfilmentStatus Status, KvkNumber Supplier, string InvoiceNumber, LocalDate InvoiceDate,
    int Certificate, PsoLevel Level, string PolicyVersion, decimal Share, Money AmountExclVat, Money Valued, Money Counted, Money Extra);

/// <summary>What PSO did to one contract's balance.</summary>
public sealed record PsoEffect(PsoReduction Reduction, IReadOnlyList<PsoPurchase> Purchases)
{
    public Money ExtraWhere(FulfilmentStatus status) => Purchases.Where(p => p.Status == status).Aggregate(Money.Zero, (sum, p) => sum + p.Extra);

    /// <summary>
    /// The balance with the reduced obligation and the purchases' extra value (accepted and pending, in their kind); the
    /// status, remaining and percentage follow, being computed from these.
    /// </summary>
    public ContractBalance Apply(ContractBalance balance)
    {
        var accepted = ExtraWhere(FulfilmentStatus.Accepted);
        var pending = ExtraWhere(FulfilmentStatus.Pending);
        var byKind = balance.ByKind.ToDictionary(k => k.Key, k => k.Key == FulfilmentKind.SocialProcurement
            ? k.Value with { Accepted = k.Value.Accepted + accepted, Pending = k.Value.Pending + pending }
            : k.Value);
        return balance with
        {
            Obligation = balance.Obligation - Reduction.Amount,
            Accepted = balance.Accepted + accepted,
            Pending = balance.Pending + pending,
            ByKind = byKind,
            Pso = this,
        };
    }
}

/// <summary>
/// The two effects a policy can give a PSO certificate (<see cref="PsoRules"/>), computed from a contract's PSO terms
/// (<see cref="ContractPsoApplied"/>, decided by <see cref="ContractPsoDecider"/> from the certificates and the policy
/// versions) and the contract's own figures. The contract's fold calls these: the balance, the list, the worklist, the
/// reports and the settlement all read the one result.
/// </summary>
public static class PsoEffects
{
    /// <summary>
    /// Pro rata by day: the term runs N days (both ends included); each term of days gives its percentage (days in none: 0).
    /// The reduction is the obligation × the sum over the days of percentage / 100 / N, rounded half away from zero to the
    /// cent once for the whole; each run's amount is the rounded running total less the runs before it, so the lines add
    /// up to the reduction exactly.
    /// </summary>
    public static PsoReduction Reduction(Money obligation, bool applies, LocalDate startsOn, LocalDate endsOn, IReadOnlyList<PsoReductionTerm> terms)
    {
        var termDays = Period.DaysBetween(startsOn, endsOn) + 1;
        if (!applies || obligation.Cents <= 0 || termDays <= 0) return PsoReduction.None(termDays);

        var lines = new List<PsoReductionLine>();
        decimal unrounded = 0m;
        long allocated = 0;
        foreach (var run in terms)
        {
            // Clipped to the term: a term decided before an amendment of the dates still counts only the contract's days.
            var from = run.From < startsOn ? startsOn : run.From;
            var to = run.To > endsOn ? endsOn : run.To;
            if (to < from) continue;
            var days = Period.DaysBetween(from, to) + 1;
            unrounded += obligation.Cents * run.Percentage / 100m * days / termDays;
            var amount = Round(unrounded) - allocated;
            allocated += amount;
            lines.Add(new(from, to, days, run.Certificate, run.Level, run.CertificateNumber, run.PolicyVersion, run.Percentage, new Money(amount)));
        }
        return new PsoReduction(new Money(allocated), termDays, lines);
    }

    /// <summary>The reduction under the certificates and policy versions themselves (<see cref="ContractPsoDecider.ReductionTerms"/>).</summary>
    public static PsoReduction Reduction(Money obligation, bool applies, LocalDate startsOn, LocalDate endsOn,
        SroiPolicyHistory policies, PsoCertificates? contractor) =>
        Reduction(obligation, applies, startsOn, endsOn, ContractPsoDecider.ReductionTerms(startsOn, endsOn, policies, contractor));

    /// <summary>
    /// The purchases that count (pending or accepted) from a supplier whose term covers the invoice date with a share above
    /// what the valuation already counted. The share replaces the valuation's share, never adds to it: a certified social
    /// enterprise at 100% stays at 100%.
    /// </summary>
    public static IReadOnlyList<PsoPurchase> Purchases(IEnumerable<Fulfilment> reports, IReadOnlyList<PsoPurchaseTerm> terms)
    {
        var purchases = new List<PsoPurchase>();
        if (terms.Count == 0) return purchases;
        foreach (var report in reports)
        {
            if (report is not { Status: FulfilmentStatus.Pending or FulfilmentStatus.Accepted, Report: FulfilmentReport.SocialProcurement p }) continue;
            if (terms.FirstOrDefault(t => t.Supplier == p.Supplier.KvkNumber && t.From <= p.InvoiceDate && p.InvoiceDate <= t.To) is not { } term) continue;
            var counted = p.AmountExclVat.Percent(term.Share);
            if (counted <= report.Valuation.Value) continue;
            purchases.Add(new(report.Id, report.Status, p.Supplier.KvkNumber, p.InvoiceNumber, p.InvoiceDate, term.Certificate, term.Level,
                term.PolicyVersion, term.Share, p.AmountExclVat, report.Valuation.Value, counted, counted - report.Valuation.Value));
        }
        return purchases;
    }

    /// <summary>The purchases under the certificates and policy versions themselves (<see cref="ContractPsoDecider.PurchaseTerms"/>).</summary>
    public static IReadOnlyList<PsoPurchase> Purchases(IEnumerable<Fulfilment> reports, SroiPolicyHistory policies,
        Func<KvkNumber, PsoCertificates?> certificatesOf)
    {
        var list = reports.ToList();
        var suppliers = list.Select(f => f.Report).OfType<FulfilmentReport.SocialProcurement>().Select(p => p.Supplier.KvkNumber).Distinct();
        return Purchases(list, [.. suppliers.SelectMany(s => ContractPsoDecider.PurchaseTerms(s, policies, certificatesOf(s)))]);
    }

    /// <summary>What the contract's PSO terms do to it: null when no PSO event was ever appended to it.</summary>
    public static PsoEffect? Of(ContractState state, Money obligation, bool applies)
    {
        if (state.Pso is not { } pso) return null;
        return new PsoEffect(Reduction(obligation, applies, state.StartsOn, state.EndsOn, pso.Reductions),
            state.TotalsNow().PsoPurchases);
    }

    private static long Round(decimal cents) => (long)decimal.Round(cents, 0, MidpointRounding.AwayFromZero);
}
