using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Contracts.ContractScenario;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Contracts;

/// <summary>The one fold of a contract stream holds everything the API shows of the contract, so nothing folds it again.</summary>
public class FoldingContractTests
{
    [Fact]
    public void The_state_holds_the_contract_as_registered_amended_and_completed()
    {
        var amended = new ContractAmended(Money.FromEuros(200_000m), Money.FromEuros(260_000m), new LocalDate(2024, 6, 1), "meerwerk",
            Registered().Obligation with { Amount = Money.FromEuros(13_000m) });

        var state = ContractDecider.Fold([Registered(), amended, new ContractCompleted(new LocalDate(2025, 3, 31))]);

        state.Exists.Should().BeTrue();
        state.Id.Should().Be(Register().ContractId);
        state.Municipality.Should().Be(MunicipalityCode.Rijswijk);
        state.Reference.Should().Be("RW-2024-001");
        state.Title.Should().Be("Herinrichting Haagweg");
        state.Contractor.Should().Be(new Contractor(KvkNumber.Parse("12345678"), "Bouwbedrijf De Vliet B.V."));
        state.Scope.Should().Be(ContractScope.Local);
        state.ContractValue.Should().Be(Money.FromEuros(260_000m));
        state.Obligation!.Amount.Should().Be(Money.FromEuros(13_000m));
        state.Amendments.Should().Equal(amended);
        state.Status.Should().Be(ContractStatus.Completed);
        state.CompletedOn.Should().Be(new LocalDate(2025, 3, 31));
    }

    [Fact]
    public void The_reports_keep_the_order_they_were_reported_in_and_a_correction_comes_last()
    {
        // Ids chosen so that their order is the reverse of the order of reporting.
        var first = Reported(new FulfilmentReport.Training("VCA", Euros(1_000m), null), Guid.Parse("ffffffff-0000-0000-0000-000000000000"));
        var second = Reported(new FulfilmentReport.Training("BHV", Euros(500m), null), Guid.Parse("11111111-0000-0000-0000-000000000000"));
        var correction = (FulfilmentReported)FulfilmentDecider.Decide(new CorrectFulfilment(first.FulfilmentId,
            Guid.Parse("00000000-0000-0000-0000-000000000001"), Reporter.Opdrachtnemer, new FulfilmentReport.Training("VCA", Euros(900m), null),
            Haaglanden, Today), Contract(first, second)).Single();

        var state = Contract(first, second, correction);

        state.Fulfilments.InOrder.Select(f => (f.Id, f.Status)).Should().Equal(
            (first.FulfilmentId, FulfilmentStatus.Replaced), (second.FulfilmentId, FulfilmentStatus.Pending),
            (correction.FulfilmentId, FulfilmentStatus.Pending));
    }
}
