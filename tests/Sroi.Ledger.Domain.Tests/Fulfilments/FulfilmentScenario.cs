using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Domain.BuildingBlocks;
using static Sroi.Ledger.Domain.Tests.Contracts.ContractScenario;

namespace Sroi.Ledger.Domain.Tests.Fulfilments;

/// <summary>
/// A contract of €200.000 (obligation €10.000) running 2024-04-01 through 2025-03-31, valued with the shipped
/// Haaglanden 2023 table; "today" is 2025-06-01 unless a test says otherwise.
/// </summary>
internal static class FulfilmentScenario
{
    public static readonly LocalDate Today = new(2025, 6, 1);

    public static readonly BuildingBlockTable Haaglanden =
        BuildingBlockTableDecider.Decide(DefaultBuildingBlockTables.Haaglanden2023(MunicipalityCode.Rijswijk), BuildingBlockTableHistory.Empty).Table;

    public static readonly CandidateNumber Anna = CandidateNumber.Parse("100234");
    public static readonly CandidateNumber Bram = CandidateNumber.Parse("100235");

    public static LocalDate D(int year, int month, int day) => new(year, month, day);

    public static WorkingPeriod Work(LocalDate start, LocalDate end, decimal hours = 36m, CandidateNumber? candidate = null) =>
        new(candidate ?? Anna, hours, start, end);

    public static FulfilmentReport.Employment Employment(
        WorkingPeriod period, TargetGroup group = TargetGroup.Participatiewet, bool age55Plus = false, bool workLimitation = false,
        bool hiredAfterVsoInternship = false) =>
        new(period, group, age55Plus, workLimitation, hiredAfterVsoInternship);

    public static FulfilmentReport.Employment Quarter2Of2024(CandidateNumber? candidate = null, TargetGroup group = TargetGroup.Participatiewet) =>
        Employment(Work(D(2024, 4, 1), D(2024, 6, 30), candidate: candidate), group);

    public static ContractState Contract(params IContractEvent[] more) => ContractDecider.Fold([Registered(), .. more]);

    public static FulfilmentReported Reported(FulfilmentReport report, Guid? id = null, Reporter by = Reporter.Opdrachtnemer, params IContractEvent[] before) =>
        (FulfilmentReported)FulfilmentDecider.Decide(new ReportFulfilment(id ?? Guid.NewGuid(), by, report, Haaglanden, Today), Contract(before)).Single();

    public static IReadOnlyList<IContractEvent> Report(ContractState state, FulfilmentReport report, BuildingBlockTable? table = null, LocalDate? today = null) =>
        FulfilmentDecider.Decide(new ReportFulfilment(Guid.NewGuid(), Reporter.Opdrachtnemer, report, table ?? Haaglanden, today ?? Today), state);

    public static Valuation ValueOf(FulfilmentReport report, params IContractEvent[] before) =>
        ((FulfilmentReported)Report(Contract(before), report).Single()).Valuation;

    public static Money Euros(decimal euros) => Money.FromEuros(euros);
}
