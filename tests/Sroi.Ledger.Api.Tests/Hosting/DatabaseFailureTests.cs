using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.Api.Tests.Hosting;

/// <summary>
/// Which failures are "the database is away" (503) and which of those leave a commit's outcome unknown, through the
/// wrappers Marten puts around them. The fault test (tests/Sroi.Ledger.Reliability.Tests) meets them for real.
/// </summary>
public class DatabaseFailureTests
{
    private static PostgresException Refusal(string sqlState) => new("refused", "FATAL", "FATAL", sqlState);

    private static NpgsqlException Wire(Exception cause) => new("Exception while reading from stream", cause);

    public static TheoryData<string, Exception, bool, bool> Failures() => new()
    {
        // name, exception, unavailable (503), commit outcome unknown
        { "57P01 admin shutdown (pg_ctl -m fast)", Refusal("57P01"), true, true },
        { "57P02 crash shutdown", Refusal("57P02"), true, true },
        { "57P03 cannot connect now", Refusal("57P03"), true, false },
        { "53300 too many connections", Refusal("53300"), true, false },
        { "08006 connection failure", Refusal("08006"), true, true },
        { "connection refused", Wire(new SocketException((int)SocketError.ConnectionRefused)), true, false },
        { "connection reset", Wire(new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), true, true },
        { "end of stream (-m immediate)", Wire(new EndOfStreamException()), true, true },
        { "command timeout", Wire(new TimeoutException()), true, true },
        { "wrapped by Marten", new MartenCommandException(new NpgsqlCommand("select 1"), Refusal("57P01")), true, true },
        { "in an AggregateException", new AggregateException(new InvalidOperationException(), Refusal("57P03")), true, false },
        { "23505 unique violation", Refusal("23505"), false, false },
        { "40P01 deadlock", Refusal("40P01"), false, false },
        { "a bug", new InvalidOperationException("no"), false, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_classified(string name, Exception failure, bool unavailable, bool outcomeUnknown)
    {
        DatabaseFailure.IsUnavailable(failure).Should().Be(unavailable, name);
        DatabaseFailure.LeavesCommitUnknown(failure).Should().Be(outcomeUnknown, name);
    }

    [Fact]
    public async Task A_commit_broken_on_the_wire_says_its_outcome_is_unknown_and_a_refusal_at_connect_does_not()
    {
        var broken = () => DatabaseFailure.CommitAsync(() => Task.FromException(Wire(new EndOfStreamException())));
        var refused = () => DatabaseFailure.CommitAsync(() => Task.FromException(Refusal("57P03")));

        (await broken.Should().ThrowAsync<CommitOutcomeUnknownException>()).Which.InnerException.Should().BeOfType<NpgsqlException>();
        await refused.Should().ThrowAsync<PostgresException>();
    }
}
