using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Contracts.ContractScenario;

namespace Sroi.Ledger.Domain.Tests.Contracts;

public class CompletingContractTests
{
    private static readonly LocalDate Today = new(2026, 11, 22);

    [Fact]
    public void Completion_records_the_end_of_the_work()
    {
        var events = When(Given(Registered()), state => ContractDecider.Decide(new CompleteContract(new LocalDate(2025, 3, 31), Today), state));

        events.Should().Equal(new ContractCompleted(new LocalDate(2025, 3, 31)));
        ContractDecider.Fold([Registered(), .. events]).Status.Should().Be(ContractStatus.Completed);
    }

    [Fact]
    public void Completion_is_recorded_once()
    {
        var act = () => When(Given(Registered(), new ContractCompleted(new LocalDate(2025, 3, 31))),
            state => ContractDecider.Decide(new CompleteContract(new LocalDate(2025, 4, 1), Today), state));

        act.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.already-completed");
    }

    [Fact]
    public void Completion_cannot_lie_before_the_start_or_in_the_future()
    {
        var early = () => When(Given(Registered()), state => ContractDecider.Decide(new CompleteContract(new LocalDate(2024, 3, 31), Today), state));
        var future = () => When(Given(Registered()), state => ContractDecider.Decide(new CompleteContract(Today.PlusDays(1), Today), state));

        early.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.completed-before-start");
        future.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.completed-in-future");
    }
}
