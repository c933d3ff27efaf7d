using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Pso;

/// <summary>
/// The contract of <see cref="Fulfilments.FulfilmentScenario"/> (obligation €10.000, 2024-04-01 through 2025-03-31: 365 days)
/// under two policy versions: v1 (from 2000) reduces trede 2 by 10% and counts purchases from certified suppliers at 50%;
/// v2 (from 2024-10-01, mid-contract) reduces trede 2 by 20% and counts them at 30%.
/// </summary>
public class PsoEffectsTests
{
    private static readonly KvkNumber Contractor = KvkNumber.Parse("12345678");
    private static readonly KvkNumber CertifiedSupplier = KvkNumber.Parse("87654321");
    private static readonly KvkNumber OtherSupplier = KvkNumber.Parse("11112222");

    internal static SroiPolicyHistory TwoVersions()
    {
        AddSroiPolicyVersion Version(LocalDate from, decimal reduction, decimal share) =>
            new(MunicipalityCode.Rijswijk, from, 5m, SroiThresholds.Same(Euros(150_000m)), "PSO test", MonitoringTerms.Default)
            {
                Pso = new PsoRules([new(PsoLevel.Trede2, reduction)],
                    [new(PsoLevel.Trede1, share), new(PsoLevel.Trede2, share), new(PsoLevel.Trede3, share)]),
            };
        return new[] { Version(D(2000, 1, 1), 10m, 50m), Version(D(2024, 10, 1), 20m, 30m) }.Aggregate(SroiPolicyHistory.Empty,
            (history, command) => SroiPolicyDecider.Evolve(history, SroiPolicyDecider.Decide(command, history)));
    }

    internal static PsoCertificates Certified(KvkNumber organisation, PsoLevel level, LocalDate from, LocalDate to) =>
        PsoCertificateDecider.Evolve(null, PsoCertificateDecider.Decide(new RecordPsoCertificate(organisation, level, from, to, "PSO-2024-0042"), null));

    private static PsoReduction ReductionOf(PsoCertificates? certificates, SroiPolicyHistory? policies = null) =>
        PsoEffects.Reduction(Euros(10_000m), true, D(2024, 4, 1), D(2025, 3, 31), policies ?? TwoVersions(), certificates);

    [Fact]
    public void A_certificate_valid_from_mid_contract_reduces_pro_rata_by_day_under_the_version_in_force_each_day()
    {
        var reduction = ReductionOf(Certified(Contractor, PsoLevel.Trede2, D(2024, 7, 1), D(2026, 6, 30)));

        // 92 days at 10% (v1) and 182 at 20% (v2) of 365: 2.520,5479… + 9.972,6027… cents ×100 = 1.249,3150… → 1.249,32.
        reduction.Amount.Should().Be(Euros(1_249.32m));
        reduction.TermDays.Should().Be(365);
        reduction.Lines.Should().HaveCount(2);
        reduction.Lines[0].Should().BeEquivalentTo(new { From = D(2024, 7, 1), To = D(2024, 9, 30), Days = 92, Certificate = 1,
            Level = PsoLevel.Trede2, PolicyVersion = "GM0603-v1", Percentage = 10m, Amount = Euros(252.05m) });
        reduction.Lines[1].Should().BeEquivalentTo(new { From = D(2024, 10, 1), To = D(2025, 3, 31), Days = 182,
            PolicyVersion = "GM0603-v2", Percentage = 20m, Amount = Euros(997.27m) });
        reduction.Lines.Sum(l => l.Amount.Cents).Should().Be(reduction.Amount.Cents);
    }

    [Fact]
    public void A_certificate_valid_the_whole_term_under_one_version_reduces_by_its_percentage()
    {
        var oneVersion = new SroiPolicyHistory([TwoVersions().Versions[0]]);

        ReductionOf(Certified(Contractor, PsoLevel.Trede2, D(2024, 1, 1), D(2026, 12, 31)), oneVersion).Amount.Should().Be(Euros(1_000m));
    }

    [Fact]
    public void No_certificate_a_level_the_policy_does_not_name_a_withdrawn_certificate_or_no_pso_rules_reduce_nothing()
    {
        ReductionOf(null).Amount.Should().Be(Money.Zero);
        ReductionOf(Certified(Contractor, PsoLevel.Aspirant, D(2024, 1, 1), D(2026, 12, 31))).Lines.Should().BeEmpty();
        var certificates = Certified(Contractor, PsoLevel.Trede2, D(2024, 1, 1), D(2026, 12, 31));
        var withdrawn = PsoCertificateDecider.Evolve(certificates, PsoCertificateDecider.Withdraw(certificates.Items[0], certificates));
        ReductionOf(withdrawn).Amount.Should().Be(Money.Zero);
        var withoutPso = new SroiPolicyHistory([.. TwoVersions().Versions.Select(v => v with { Pso = null })]);
        ReductionOf(certificates, withoutPso).Amount.Should().Be(Money.Zero);
        PsoEffects.Reduction(Euros(10_000m), false, D(2024, 4, 1), D(2025, 3, 31), TwoVersions(), certificates).Amount.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_purchase_from_a_certified_supplier_counts_at_the_share_of_the_version_in_force_on_its_invoice_date()
    {
        var may = Reported(Purchase(CertifiedSupplier, "F-1", D(2024, 5, 15)));                                  // v1: 50%
        var november = Reported(Purchase(CertifiedSupplier, "F-2", D(2024, 11, 15)), before: may);               // v2: 30%
        var uncertified = Reported(Purchase(OtherSupplier, "F-3", D(2024, 11, 15)), before: [may, november]);
        var socialEnterprise = Reported(Purchase(CertifiedSupplier, "F-4", D(2024, 11, 15), SupplierRecognition.SocialEnterpriseNl),
            before: [may, november, uncertified]);                                                                // 50% by the table already
        var state = Contract(may, new FulfilmentAccepted(may.FulfilmentId, Today, null), november, uncertified, socialEnterprise);
        var supplier = Certified(CertifiedSupplier, PsoLevel.Trede1, D(2024, 1, 1), D(2025, 12, 31));

        var purchases = PsoEffects.Purchases(state.Fulfilments.InOrder, TwoVersions(), kvk => kvk == CertifiedSupplier ? supplier : null);

        purchases.Should().HaveCount(2);
        purchases[0].Should().BeEquivalentTo(new { Fulfilment = may.FulfilmentId, Status = FulfilmentStatus.Accepted, PolicyVersion = "GM0603-v1",
            Share = 50m, Valued = Money.Zero, Counted = Euros(6_000m), Extra = Euros(6_000m), Level = PsoLevel.Trede1, Certificate = 1 });
        purchases[1].Should().BeEquivalentTo(new { Fulfilment = november.FulfilmentId, Status = FulfilmentStatus.Pending, PolicyVersion = "GM0603-v2",
            Share = 30m, Counted = Euros(3_600m), Extra = Euros(3_600m) });

        var effect = new PsoEffect(PsoReduction.None(365), purchases);
        var balance = effect.Apply(ContractBalance.Of(state));
        balance.Accepted.Should().Be(Euros(6_000m));
        balance.Pending.Should().Be(Euros(3_600m + 6_000m)); // the November purchase at 30% and the social enterprise's at its own 50%
        balance.ByKind[FulfilmentKind.SocialProcurement].Accepted.Should().Be(Euros(6_000m));
    }

    [Fact]
    public void A_supplier_certified_only_after_the_invoice_date_adds_nothing()
    {
        var purchase = Reported(Purchase(CertifiedSupplier, "F-1", D(2024, 5, 15)));
        var state = Contract(purchase);
        var later = Certified(CertifiedSupplier, PsoLevel.Trede3, D(2024, 5, 16), D(2025, 12, 31));

        PsoEffects.Purchases(state.Fulfilments.InOrder, TwoVersions(), _ => later).Should().BeEmpty();
    }

    [Fact]
    public void The_balance_shows_the_reduced_obligation_and_is_fulfilled_against_it()
    {
        var training = Reported(new FulfilmentReport.Training("Leerwerktraject", Euros(9_000m), null));
        var state = Contract(training, new FulfilmentAccepted(training.FulfilmentId, Today, null));
        var reduction = ReductionOf(Certified(Contractor, PsoLevel.Trede2, D(2024, 1, 1), D(2026, 12, 31)),
            new SroiPolicyHistory([TwoVersions().Versions[0]]));

        var before = ContractBalance.Of(state);
        var after = new PsoEffect(reduction, []).Apply(before);

        before.FixedStatus.Should().BeNull();
        after.Obligation.Should().Be(Euros(9_000m));
        after.FixedStatus.Should().Be(BalanceStatus.Fulfilled);
        after.Remaining.Should().Be(Money.Zero);
    }

    private static FulfilmentReport.SocialProcurement Purchase(KvkNumber supplier, string invoice, LocalDate on,
        SupplierRecognition recognition = SupplierRecognition.None) =>
        new(new Supplier(supplier, "Groen Leveranciers B.V.", recognition), invoice, on, Euros(12_000m));
}
