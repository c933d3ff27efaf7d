using NodaTime;
using Sroi.Ledger.Domain.Balance;
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
        };
    }
}

/// <summary>
/// The two effects a policy can give a PSO certificate (<see cref="PsoRules"/>), decided as the ledger knows the
/// certificates and the policy versions at the moment asked, so a certificate recorded later changes a figure only from then.
/// </summary>
public static class PsoEffects
{
    /// <summary>
    /// Pro rata by day: the term runs N days (both ends included); on each day the contractor's certificate valid that
    /// day and the policy version in force that day give a percentage (none: 0). The reduction is the obligation × the
    /// sum over the days of percentage / 100 / N, rounded half away from zero to the cent once for the whole; each run's
    /// amount is the rounded running total less the runs before it, so the lines add up to the reduction exactly.
    /// </summary>
    public static PsoReduction Reduction(Money obligation, bool applies, LocalDate startsOn, LocalDate endsOn,
        SroiPolicyHistory policies, PsoCertificates? contractor)
    {
        var termDays = Period.DaysBetween(startsOn, endsOn) + 1;
        if (!applies || obligation.Cents <= 0 || contractor is null || termDays <= 0) return PsoReduction.None(termDays);

        var runs = new List<(LocalDate From, LocalDate To, PsoCertificate Certificate, SroiPolicyVersion Policy, decimal Percentage)>();
        for (var day = startsOn; day <= endsOn; day = day.PlusDays(1))
        {
            if (contractor.ValidOn(day) is not { } certificate || policies.InForceOn(day) is not { } policy) continue;
            var percentage = policy.Pso?.ReductionFor(certificate.Level) ?? 0m;
            if (percentage == 0) continue;
            if (runs.Count > 0 && runs[^1] is var last && last.To.PlusDays(1) == day && last.Certificate.Number == certificate.Number
                && last.Policy.Id == policy.Id)
                runs[^1] = last with { To = day };
            else
                runs.Add((day, day, certificate, policy, percentage));
        }

        var lines = new List<PsoReductionLine>();
        decimal unrounded = 0m;
        long allocated = 0;
        foreach (var run in runs)
        {
            var days = Period.DaysBetween(run.From, run.To) + 1;
            unrounded += obligation.Cents * run.Percentage / 100m * days / termDays;
            var amount = Round(unrounded) - allocated;
            allocated += amount;
            lines.Add(new(run.From, run.To, days, run.Certificate.Number, run.Certificate.Level, run.Certificate.CertificateNumber,
                run.Policy.Id, run.Percentage, new Money(amount)));
        }
        return new PsoReduction(new Money(allocated), termDays, lines);
    }

    /// <summary>
    /// The purchases that count (pending or accepted) from a supplier with a certificate valid on the invoice date, under
    /// a policy version in force on that date that gives the certificate's level a share above what the valuation
    /// already counted. The share replaces the valuation's share, never adds to it: a certified social enterprise at
    /// 100% stays at 100%.
    /// </summary>
    public static IReadOnlyList<PsoPurchase> Purchases(IEnumerable<Fulfilment> reports, SroiPolicyHistory policies,
        Func<KvkNumber, PsoCertificates?> certificatesOf)
    {
        var purchases = new List<PsoPurchase>();
        foreach (var report in reports)
        {
            if (report is not { Status: FulfilmentStatus.Pending or FulfilmentStatus.Accepted, Report: FulfilmentReport.SocialProcurement p }) continue;
            if (certificatesOf(p.Supplier.KvkNumber)?.ValidOn(p.InvoiceDate) is not { } certificate) continue;
            if (policies.InForceOn(p.InvoiceDate) is not { Pso: { } rules } policy) continue;
            var share = rules.PurchaseShareFor(certificate.Level);
            var counted = p.AmountExclVat.Percent(share);
            if (counted <= report.Valuation.Value) continue;
            purchases.Add(new(report.Id, report.Status, p.Supplier.KvkNumber, p.InvoiceNumber, p.InvoiceDate, certificate.Number, certificate.Level,
                policy.Id, share, p.AmountExclVat, report.Valuation.Value, counted, counted - report.Valuation.Value));
        }
        return purchases;
    }

    private static long Round(decimal cents) => (long)decimal.Round(cents, 0, MidpointRounding.AwayFromZero);
}
