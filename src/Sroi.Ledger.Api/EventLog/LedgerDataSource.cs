using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// The connection pool the ledger (Marten and the read tables) runs on, with NodaTime's types for PostgreSQL's dates
/// and times. Npgsql resets a pooled connection before reusing it (<c>DISCARD ALL</c>), which also throws away
/// the plans PostgreSQL cached for the append's statements: measured 0.49–0.80 ms per append with the reset and
/// 0.22–0.27 ms without on the first store (docs/benchmarks.md). The ledger leaves no session state behind (no
/// SET, no temporary tables; migrations take transaction-level advisory locks), so the reset buys nothing. Code
/// that ever needs session state must reset it itself.
/// <para>
/// Sessions run in UTC whatever TimeZone the server or database has (initdb takes the machine's zone, e.g.
/// Europe/Amsterdam): Marten's Quick append stamps an append to an existing stream with a time skewed by the session's
/// UTC offset (Marten #5136). Measured: such events were recorded an hour early in Amsterdam and five hours late in
/// New York, so "as known on" reads went wrong (tests/Sroi.Ledger.EventLog.Tests/Reading/RecordingTimeTests.cs).
/// </para>
/// </summary>
public static class LedgerDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, Timezone = "UTC" }.ConnectionString);
        builder.UseNodaTime();
        return builder.Build();
    }
}
