using Npgsql;

namespace Sroi.Ledger.EventStore;

/// <summary>
/// The connection pool the ledger runs on. Npgsql resets a pooled connection before reusing it
/// (<c>DISCARD ALL</c>), which also throws away the plans PostgreSQL cached for <c>sroi_append</c>'s
/// statements, so every append re-planned them: measured 0.49–0.80 ms per append with the reset and
/// 0.22–0.27 ms without (docs/benchmarks.md). The ledger leaves no session state behind (no SET, no
/// temporary tables, no session-level locks: migrations take a transaction-level advisory lock), so the
/// reset buys nothing. Code that ever needs session state must reset it itself.
/// </summary>
public static class LedgerDataSource
{
    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
}
