using Microsoft.Extensions.Configuration;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// The per-caller limits' settings as an operator writes them: a value the service cannot use stops its start with a
/// message that says what the setting means. 0 means opposite things here: no limit for the two limits in flight, and for
/// the queue that none wait (beyond those in flight a 429 at once); the message said "0 = no limit" for all three.
/// </summary>
public class CallerConcurrencySettingsTests
{
    private static IConfiguration With(string variable, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [variable] = value }).Build();

    [Theory]
    [InlineData(CallerConcurrency.InFlightVariable, "0 = no limit")]
    [InlineData(CallerConcurrency.ExpensiveInFlightVariable, "0 = no limit")]
    [InlineData(CallerConcurrency.QueuedVariable, "0 = none wait")]
    public void A_bad_value_stops_the_start_saying_what_0_means_for_that_setting(string variable, string meaning)
    {
        var start = () => CallerConcurrency.From(With(variable, "-1"));

        var message = start.Should().Throw<InvalidOperationException>().Which.Message;
        message.Should().StartWith($"{variable} must be a whole number of requests").And.Contain(meaning).And.EndWith("not '-1'.");
        if (variable == CallerConcurrency.QueuedVariable) message.Should().NotContain("no limit");
    }

    [Fact]
    public void A_queue_of_0_is_none_waiting_and_the_limits_of_0_are_none()
    {
        CallerConcurrency.From(With(CallerConcurrency.QueuedVariable, "0")).Should().Be(new CallerConcurrency(
            CallerConcurrency.DefaultInFlight, CallerConcurrency.DefaultExpensiveInFlight, 0));
        CallerConcurrency.From(With(CallerConcurrency.InFlightVariable, "0")).InFlight.Should().Be(0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(8, 7)]
    public void The_nodes_expensive_reads_are_by_default_one_fewer_than_its_cores_and_at_least_one(int cores, int expected) =>
        NodeExpensiveReads.From(With("unrelated", "x"), cores).InFlight.Should().Be(expected);

    [Fact]
    public void The_nodes_expensive_reads_of_0_are_no_limit_and_a_bad_value_stops_the_start()
    {
        NodeExpensiveReads.From(With(NodeExpensiveReads.Variable, "0"), 2).Enabled.Should().BeFalse();
        NodeExpensiveReads.From(With(NodeExpensiveReads.Variable, "3"), 2).InFlight.Should().Be(3);
        var start = () => NodeExpensiveReads.From(With(NodeExpensiveReads.Variable, "two"), 2);
        start.Should().Throw<InvalidOperationException>().Which.Message.Should()
            .StartWith($"{NodeExpensiveReads.Variable} must be a whole number of requests (0 = no limit").And.EndWith("not 'two'.");
    }
}
