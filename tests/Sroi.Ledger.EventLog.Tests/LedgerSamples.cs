using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.EventLog.Tests;

/// <summary>Real ledger events, as the deciders make them, so Marten's map of stable event names is exercised.</summary>
public static class LedgerSamples
{
    private static readonly LocalDate Awarded = new(2025, 3, 1);

    /// <remarks>Each with a reference of its own: a municipality's references are unique (the contract document's index).</remarks>
    public static ContractRegistered Registered(MunicipalityCode municipality, Guid? contractId = null) =>
        (ContractRegistered)ContractDecider.Decide(new RegisterContract(
            contractId ?? Guid.NewGuid(), municipality, $"2025-RW-{Guid.NewGuid():N}"[..18], "Renovatie sporthal de Schilp — fase 2 (€, é)",
            ContractCategory.Werken, Money.FromEuros(1_250_000.50m), new Contractor(KvkNumber.Parse("12345678"), "Bouwbedrijf Van Dam B.V."),
            Awarded, Awarded.PlusDays(14), Awarded.PlusYears(1), ContractScope.Local,
            new SroiChoice.Percentage(4.5m, "afspraak met de aannemer"), null), ContractState.Initial).Single();

    public static ContractAmended Amended(long cents, string reason = "meerwerk") =>
        new(Money.FromEuros(1_250_000.50m), new Money(cents), Awarded.PlusMonths(2), reason,
            new Obligation(true, 4.5m, new Money(cents).Percent(4.5m), null, "Percentage 4.5% set by procurement."));

    /// <summary>A small event whose payload tells one append from another (the day).</summary>
    public static ContractCompleted Completed(int day) => new(Awarded.PlusDays(day));

    public static SroiPolicyVersionAdded PolicyAdded(MunicipalityCode municipality, int version) =>
        new(new SroiPolicyVersion(municipality, version, new LocalDate(2026, 1, 1), 5.5m,
            SroiThresholds.Same(Money.FromEuros(200_000m)), "Kadernota 2026: 5,5% vanaf €200.000."));
}
