using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.Contracts.ReportsApart;

/// <summary>
/// The operator's switch (issue 23, stage 3): once on, this build writes a contract's document without its report list
/// (<see cref="Domain.Contracts.ContractState.ReportsApart"/>), and moves its totals by the slice of each event read from the
/// report documents (<see cref="ReportsApartFold"/>). Off by default: a node of the previous release (stage 2) moves the
/// totals by the slice it takes from the document's list, so the list goes only once no such node runs. Kept in the
/// database, not in a node's configuration, so that every node sees the same position: a row of <c>schema_migrations</c>
/// under a component of its own (which the newer-schema check ignores, as it does the back-fills' markers), read in the
/// write's transaction. One way: once documents without their list exist, turning it off again needs a rebuild
/// (README, "Upgrading").
/// </summary>
public static class ReportsApartSwitch
{
    /// <summary>The switch's row in <c>schema_migrations</c>: present when on.</summary>
    public const string Component = "reports-apart";

    /// <summary>Whether the switch is on, read in <paramref name="session"/> (the write's transaction: one indexed lookup).</summary>
    public static async Task<bool> IsOnAsync(IQuerySession session, CancellationToken ct) =>
        (await session.QueryAsync<bool>("select exists (select from schema_migrations where component = ?)", ct, Component))[0];

    /// <summary>Whether the switch is on, read now (the command line's <c>reports-apart status</c>, <see cref="ReportsApartCommand"/>).</summary>
    public static async Task<bool> IsOnAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand(IsOnSql);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private const string IsOnSql = $"SELECT EXISTS (SELECT FROM schema_migrations WHERE component = '{Component}')";

    /// <summary>
    /// Whether the switch is on, as a reader that only chooses the cheaper of two correct statements may see it (the worklist:
    /// <see cref="Worklist.WorklistQuery.ReportsApart"/>): read from the database at most once a second while off, and kept
    /// once seen on (the switch is one way: README, "Upgrading"). So a worklist request costs no look-up beside its statement,
    /// and in the second after the operator turns it on the worklist may still read the column only.
    /// </summary>
    public static async Task<bool> SeenOnAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        if (seenOn) return true;
        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref lookedAt) < 1_000) return false;
        seenOn = await IsOnAsync(db, ct);
        Volatile.Write(ref lookedAt, now);
        return seenOn;
    }

    private static volatile bool seenOn;
    private static long lookedAt = long.MinValue / 2;

    /// <summary>
    /// Turns the switch on (idempotent). The same statement as README's; the operator runs it once every node runs this build,
    /// by the command line's <c>reports-apart on --every-node-upgraded</c> (<see cref="ReportsApartCommand"/>) or by hand.
    /// </summary>
    /// <returns>Whether this call turned it on (false: it was on already).</returns>
    public static async Task<bool> TurnOnAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand(TurnOnSql);
        var inserted = await command.ExecuteNonQueryAsync(ct);
        seenOn = true;
        return inserted == 1;
    }

    /// <summary>What README's upgrade section tells the operator to run.</summary>
    public const string TurnOnSql =
        "INSERT INTO schema_migrations (component, version, script) " +
        "VALUES ('reports-apart', 1, 'contract documents written without their report list') ON CONFLICT DO NOTHING";
}
