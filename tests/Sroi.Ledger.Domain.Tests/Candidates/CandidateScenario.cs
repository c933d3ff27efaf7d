using NodaTime;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Candidates;

/// <summary>Given events / When command / Then events or a rule violation, without a database.</summary>
internal static class CandidateScenario
{
    public static readonly LocalDate Today = new(2026, 11, 22);
    public static readonly Guid PlacementId = Guid.Parse("01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f");
    public static readonly Employer Employer = new(KvkNumber.Parse("87654321"), "Groen B.V.");
    public static readonly SroiContractRef RegionalContract = new(Guid.Parse("01a20288-d110-7bfc-ac55-df4acadb1846"), ContractScope.Regional);

    public static RegisterCandidate Register(int trede = 2, TargetGroup group = TargetGroup.Participatiewet, LocalDate? benefitSince = null,
        LocalDate? registeredOn = null) =>
        new(CandidateNumber.Parse("100234"), MunicipalityCode.Rijswijk, registeredOn ?? new LocalDate(2020, 1, 6), trede, group,
            benefitSince ?? new LocalDate(2019, 11, 1), Today);

    public static CandidateRegistered Registered(LocalDate? benefitSince = null) =>
        (CandidateRegistered)CandidateDecider.Decide(Register(benefitSince: benefitSince), CandidateState.Initial).Single();

    public static CandidateRegistered RegisteredWithoutBenefit() =>
        (CandidateRegistered)CandidateDecider.Decide(
            Register(group: TargetGroup.NoBenefit) with { BenefitSince = null }, CandidateState.Initial).Single();

    public static RecordPlacement Place(string startedOn = "2021-03-01", decimal hours = 40, bool? fullTime = null,
        PlacementChannel channel = PlacementChannel.Wsp, ContractLookup? contract = null) =>
        new(PlacementId, Employer, Date(startedOn), hours, fullTime, PlacementKind.Regular, channel, contract ?? new ContractLookup.None(), Today);

    public static PlacementRecorded Placed(string startedOn = "2021-03-01", decimal hours = 40) =>
        (PlacementRecorded)CandidateDecider.Decide(Place(startedOn, hours), CandidateDecider.Fold([Registered()])).Single();

    public static CorrectPlacement Correct(string? startedOn = null, decimal? hours = null, bool? fullTime = null, PlacementChannel? channel = null,
        ContractLookup? contract = null) =>
        new(PlacementId, startedOn is null ? null : Date(startedOn), hours, fullTime, null, channel, contract ?? new ContractLookup.None(),
            "Verkeerd ingevoerd", Today);

    public static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    public static IReadOnlyList<ICandidateEvent> Given(params ICandidateEvent[] history) => history;

    public static IReadOnlyList<ICandidateEvent> When(IReadOnlyList<ICandidateEvent> given, Func<CandidateState, IReadOnlyList<ICandidateEvent>> decide) =>
        decide(CandidateDecider.Fold(given));

    /// <summary>Asserts the command breaks the rule <paramref name="code"/>, blaming <paramref name="field"/>.</summary>
    public static void Breaks(Func<IReadOnlyList<ICandidateEvent>> act, string code, string? field)
    {
        var violation = act.Should().Throw<RuleViolation>().Which;
        violation.Code.Should().Be(code);
        violation.Field.Should().Be(field);
    }
}
