using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;
using static Sroi.Ledger.Domain.Tests.Pso.PsoEffectsTests;

namespace Sroi.Ledger.Domain.Tests.Pso;

/// <summary>
/// PSO folded into the contract (issue 21): given the contract's events, when the certificates and policy versions are
/// decided on (<see cref="ContractPsoDecider"/>), then <c>contract.pso-applied.v1</c> carries the terms and the contract's
/// own fold — its balance, its status, its settlement — works with the obligation after PSO. The contract of
/// <see cref="Fulfilments.FulfilmentScenario"/>: obligation €10.000, 2024-04-01 through 2025-03-31 (365 days); the two
/// policy versions of <see cref="PsoEffectsTests"/> (trede 2: 10%, from 2024-10-01 20%; purchases at 50%, then 30%).
/// </summary>
public class ContractPsoFoldTests
{
    private static readonly KvkNumber Contractor = KvkNumber.Parse("12345678");
    private static readonly KvkNumber SupplierKvk = KvkNumber.Parse("87654321");

    private static ContractPsoApplied? Decide(ContractState contract, PsoCertificates? contractor, PsoCertificates? supplier = null,
        SroiPolicyHistory? policies = null) =>
        ContractPsoDecider.Decide(contract, policies ?? TwoVersions(), kvk => kvk == Contractor ? contractor : kvk == SupplierKvk ? supplier : null, "test");

    private static PsoCertificates Trede2FromJuly() => Certified(Contractor, PsoLevel.Trede2, D(2024, 7, 1), D(2026, 6, 30));

    [Fact]
    public void Given_a_certified_contractor_when_decided_then_the_event_carries_the_runs_and_the_fold_reduces_the_obligation()
    {
        var contract = Contract();

        var applied = Decide(contract, Trede2FromJuly());

        applied.Should().NotBeNull();
        applied!.Reductions.Should().Equal(
            new PsoReductionTerm(D(2024, 7, 1), D(2024, 9, 30), 1, PsoLevel.Trede2, "PSO-2024-0042", "GM0603-v1", 10m),
            new PsoReductionTerm(D(2024, 10, 1), D(2025, 3, 31), 1, PsoLevel.Trede2, "PSO-2024-0042", "GM0603-v2", 20m));
        applied.Purchases.Should().BeEmpty();
        var balance = ContractBalance.Of(ContractDecider.Evolve(contract, applied));
        balance.Obligation.Should().Be(Euros(8_750.68m));
        balance.ObligationBeforePso.Should().Be(Euros(10_000m));
        balance.Pso!.Reduction.Lines.Select(l => l.Amount).Should().Equal(Euros(252.05m), Euros(997.27m));
        balance.Remaining.Should().Be(Euros(8_750.68m));
    }

    [Fact]
    public void Given_the_same_terms_already_applied_when_decided_again_then_nothing_is_appended()
    {
        var contract = Contract();
        var applied = Decide(contract, Trede2FromJuly())!;

        Decide(ContractDecider.Evolve(contract, applied), Trede2FromJuly()).Should().BeNull();
        // A contract PSO never touched gets no event that says "nothing".
        Decide(contract, null).Should().BeNull();
    }

    [Fact]
    public void Given_an_applied_certificate_when_it_is_withdrawn_then_an_empty_event_restores_the_obligation()
    {
        var certificates = Trede2FromJuly();
        var contract = ContractDecider.Evolve(Contract(), Decide(Contract(), certificates)!);
        var withdrawn = PsoCertificateDecider.Evolve(certificates, PsoCertificateDecider.Withdraw(certificates.Items[0], certificates));

        var applied = Decide(contract, withdrawn);

        applied!.Reductions.Should().BeEmpty();
        var balance = ContractBalance.Of(ContractDecider.Evolve(contract, applied));
        balance.Obligation.Should().Be(Euros(10_000m));
        balance.Pso!.Reduction.Amount.Should().Be(Money.Zero);
    }

    [Fact]
    public void Given_applied_terms_when_the_contract_value_is_amended_then_the_reduction_follows_the_new_obligation()
    {
        var contract = ContractDecider.Evolve(Contract(), Decide(Contract(), Trede2FromJuly())!);

        var amended = ContractDecider.Decide(new AmendContractValue(Euros(400_000m), D(2024, 8, 1), "Meerwerk"), contract);

        // Obligation €20.000; the same runs: 504,11 + 1.994,52.
        var balance = ContractBalance.Of(amended.Aggregate(contract, ContractDecider.Evolve));
        balance.ObligationBeforePso.Should().Be(Euros(20_000m));
        balance.Obligation.Should().Be(Euros(17_501.37m));
    }

    [Fact]
    public void Given_a_reduced_obligation_when_settled_then_met_is_decided_on_it_and_a_settled_contract_is_not_changed()
    {
        var training = Reported(new FulfilmentReport.Training("Leerwerktraject", Euros(9_000m), null));
        var contract = new IContractEvent[] { Decide(Contract(), Trede2FromJuly())!, training, new FulfilmentAccepted(training.FulfilmentId, Today, null) }
            .Aggregate(Contract(), ContractDecider.Evolve);
        // €9.000 accepted against €8.750,68: fulfilled after PSO, not before.
        ContractBalance.Of(contract).FixedStatus.Should().Be(BalanceStatus.Fulfilled);

        var settled = (ObligationSettled)SettlementDecider.Decide(new SettleObligation(SettlementOutcome.Met, null, null, Today), contract).Single();

        settled.Obligation.Should().Be(Euros(8_750.68m));
        settled.Shortfall.Should().Be(Money.Zero);
        Decide(ContractDecider.Evolve(contract, settled), null).Should().BeNull();
    }

    [Fact]
    public void Given_a_purchase_from_a_certified_supplier_when_decided_then_the_fold_counts_it_at_the_share_of_its_invoice_date()
    {
        var purchase = Reported(new FulfilmentReport.SocialProcurement(new Supplier(SupplierKvk, "Groen B.V.", SupplierRecognition.None),
            "F-1", D(2024, 11, 15), Euros(12_000m)));
        var contract = new IContractEvent[] { purchase, new FulfilmentAccepted(purchase.FulfilmentId, Today, null) }.Aggregate(Contract(), ContractDecider.Evolve);

        var applied = Decide(contract, null, Certified(SupplierKvk, PsoLevel.Trede1, D(2024, 1, 1), D(2025, 12, 31)));

        applied!.Purchases.Select(t => (t.From, t.To, t.PolicyVersion, t.Share)).Should().Equal(
            (D(2024, 1, 1), D(2024, 9, 30), "GM0603-v1", 50m), (D(2024, 10, 1), D(2025, 12, 31), "GM0603-v2", 30m));
        var balance = ContractBalance.Of(ContractDecider.Evolve(contract, applied));
        balance.Accepted.Should().Be(Euros(3_600m));
        balance.ByKind[FulfilmentKind.SocialProcurement].Accepted.Should().Be(Euros(3_600m));
        balance.Obligation.Should().Be(Euros(10_000m));
    }
}
