using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Contracts;

/// <summary>Given events / When command / Then events or a rule violation, without a database.</summary>
internal static class ContractScenario
{
    public static readonly SroiPolicyVersion Rijswijk2021 = new(
        MunicipalityCode.Rijswijk, 2, new LocalDate(2021, 1, 1), 5m, SroiThresholds.Same(Money.FromEuros(150_000m)), "kadernota 2021");

    public static RegisterContract Register(
        decimal value = 200_000m,
        ContractCategory category = ContractCategory.Werken,
        SroiChoice? sroi = null,
        SroiPolicyVersion? policy = null,
        bool noPolicy = false) =>
        new(Guid.Parse("6f1c0b8e-2f7a-4a43-9d58-1a3b9f6f2d10"), MunicipalityCode.Rijswijk, "RW-2024-001", "Herinrichting Haagweg",
            category, Money.FromEuros(value), new Contractor(KvkNumber.Parse("12345678"), "Bouwbedrijf De Vliet B.V."),
            new LocalDate(2024, 3, 1), new LocalDate(2024, 4, 1), new LocalDate(2025, 3, 31), ContractScope.Local,
            sroi ?? new SroiChoice.FollowPolicy(), noPolicy ? null : policy ?? Rijswijk2021);

    public static IReadOnlyList<IContractEvent> Given(params IContractEvent[] history) => history;

    public static ContractRegistered Registered(decimal value = 200_000m, SroiChoice? sroi = null) =>
        (ContractRegistered)ContractDecider.Decide(Register(value, sroi: sroi), ContractState.Initial).Single();

    public static IReadOnlyList<IContractEvent> When(IReadOnlyList<IContractEvent> given, Func<ContractState, IReadOnlyList<IContractEvent>> decide) =>
        decide(ContractDecider.Fold(given));
}
