using Marten;
using Marten.Exceptions;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Writing;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Appending;

/// <summary>
/// A session whose LAST operation is a <see cref="QueuedStatement"/> that fails — one that returns nothing, so Marten reads
/// no result after it — throws and records nothing: not its events, not the statements queued before it, not what its
/// caller did in the transaction it began and locked (<see cref="CallerTransaction"/>). The error itself was never unread
/// (the first theory row passed before the guard); what hid it was Marten's replay of the batch in a new transaction
/// after a deadlock or a lock timeout (rows 2 and 3: before the guard, no exception, the events and the queued row
/// committed, the caller's own row and lock gone). Its own database: it counts the whole log.
/// </summary>
public class TrailingStatementFailureTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => db.DataSource.ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS trailing_marks (mark text PRIMARY KEY, by_whom text NOT NULL);
        CREATE SEQUENCE IF NOT EXISTS trailing_attempts;
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Fails with <paramref name="code"/> on the first <paramref name="times"/> runs, counted by a sequence (no rollback
    /// undoes it): so a replay of the batch is seen, and passes when <paramref name="times"/> is 1.
    /// </summary>
    private static QueuedStatement Failing(string code, int times) => QueuedStatement.Of($"""
        DO $$ BEGIN
            IF nextval('trailing_attempts') <= {times} THEN
                RAISE EXCEPTION 'forced by the test' USING ERRCODE = '{code}';
            END IF;
        END $$
        """);

    private record Outcome(Exception? Thrown, long Attempts, long Events, long Queued, long Callers);

    /// <summary>
    /// One session: optionally the caller's own transaction (begun, the stream's lock taken as every writer does, a row of its
    /// own written), then a stream started, a queued row, and last the failing statement.
    /// </summary>
    private async Task<Outcome> SaveAsync(bool callersTransaction, string code, int times)
    {
        await db.DataSource.ExecuteAsync("SELECT setval('trailing_attempts', 1, false)");
        var stream = NewStream();
        var eventsBefore = await db.DataSource.ScalarAsync("SELECT count(*) FROM mt_events WHERE type <> 'tombstone'");
        await using var session = db.Store.LightweightSession(Rijswijk.Value);
        if (callersTransaction)
        {
            await session.BeginTransactionAsync(CancellationToken.None);
            await StreamLock.TakeAsync(session.Connection!, Rijswijk.Value, stream.Value, CancellationToken.None);
            await using var own = new NpgsqlCommand("INSERT INTO trailing_marks VALUES ($1, 'caller')", session.Connection);
            own.Parameters.Add(new NpgsqlParameter { Value = "caller-" + stream.Value });
            await own.ExecuteNonQueryAsync();
        }
        session.Events.StartStream(stream.Value, Registered(Rijswijk));
        session.QueueOperation(QueuedStatement.Of("INSERT INTO trailing_marks VALUES ($1, 'queued')", "queued-" + stream.Value));
        session.QueueOperation(Failing(code, times));

        Exception? thrown = null;
        try { await session.SaveChangesAsync(); }
        catch (Exception e) { thrown = e; }
        return new Outcome(thrown,
            await db.DataSource.ScalarAsync("SELECT last_value FROM trailing_attempts"),
            await db.DataSource.ScalarAsync("SELECT count(*) FROM mt_events WHERE type <> 'tombstone'") - eventsBefore,
            await db.DataSource.ScalarAsync("SELECT count(*) FROM trailing_marks WHERE mark = $1", "queued-" + stream.Value),
            await db.DataSource.ScalarAsync("SELECT count(*) FROM trailing_marks WHERE mark = $1", "caller-" + stream.Value));
    }

    [Theory]
    // Any error is read where it happens: one attempt, PostgreSQL's error inside Marten's.
    [InlineData("P0001", 1, 1, "P0001")]
    // A deadlock or a lock timeout once: Marten rolled back and replayed the batch alone; the replay is refused.
    [InlineData("40P01", 1, 2, "replay refused")]
    [InlineData("55P03", 1, 2, "replay refused")]
    // A deadlock every time: each of Marten's three replays fails at the statement again, and the last deadlock is thrown.
    [InlineData("40P01", 100, 4, "40P01")]
    public async Task A_session_whose_last_statement_fails_in_its_callers_transaction_throws_and_records_nothing(
        string code, int times, long attempts, string thrown)
    {
        var outcome = await SaveAsync(callersTransaction: true, code, times);

        outcome.Thrown.Should().NotBeNull($"the statement failed ({code}) and nothing may be acknowledged");
        if (thrown == "replay refused") outcome.Thrown.Should().BeOfType<CallerTransactionLostException>();
        else IsPostgres(outcome.Thrown!, thrown).Should().BeTrue($"PostgreSQL's own error comes out: {outcome.Thrown}");
        outcome.Attempts.Should().Be(attempts, "the statement ran once per attempt of Marten's");
        outcome.Events.Should().Be(0);
        outcome.Queued.Should().Be(0);
        outcome.Callers.Should().Be(0);
    }

    /// <summary>
    /// A session nobody began a transaction for is Marten's alone: its replay of the whole batch after a deadlock is the
    /// same batch in the same order, and commits all of it (the boundary of <see cref="CallerTransaction"/>).
    /// </summary>
    [Fact]
    public async Task A_session_of_marten_alone_is_replayed_whole_after_a_deadlock()
    {
        var outcome = await SaveAsync(callersTransaction: false, "40P01", 1);

        outcome.Thrown.Should().BeNull();
        outcome.Attempts.Should().Be(2, "Marten replayed the batch once");
        outcome.Events.Should().Be(1);
        outcome.Queued.Should().Be(1);
    }

    private static bool IsPostgres(Exception e, string code) =>
        e is MartenCommandException { InnerException: PostgresException inner } ? inner.SqlState == code : e is PostgresException p && p.SqlState == code;
}
