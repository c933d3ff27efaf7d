using Npgsql;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Every read model of the ledger's schema, row for row, to compare a rebuild with what was there before or with a fresh fold
/// (RebuildingProjectionsTests, RebuildUnderWritesTests).
/// </summary>
public static class ReadModels
{
    /// <summary>
    /// The tables of the ledger's schema that no projection fills, each with the reason. Every other table of the schema is
    /// a read model and compared; a new table is compared until it is named here, so a forgotten side table fails the test.
    /// (Wolverine's envelopes live in schema <c>wolverine</c>, outside the one compared.)
    /// </summary>
    public static readonly Dictionary<string, string> NotProjections = new()
    {
        ["mt_events"] = "the log itself, which a rebuild reads",
        ["mt_streams"] = "the streams' versions, written by the append, not by a projection",
        ["mt_event_progression"] = "Marten's own record of how far each projection got",
        ["mt_event_projection_floors"] = "Marten's daemon's bookkeeping of its projections' progress",
        ["mt_high_water_skips"] = "Marten's daemon's record of gaps in the event sequence it skipped",
        ["mt_doc_deadletterevent"] = "Marten's daemon's dead letters (events a projection failed on), not a read model",
        ["sroi_event_hashes"] = "the hash chain, written by a trigger on mt_events",
        ["sroi_checkpoints"] = "signed checkpoints, made on demand, never changed",
        ["schema_migrations"] = "which numbered scripts were applied",
        ["api_keys"] = "keys issued by an administrator, not events",
        ["idempotency_keys"] = "the stored answers of idempotent requests",
        ["sroi_notifications"] = "notifications raised once when they happened (a rebuild must not raise them again)",
        ["sroi_webhook_subscriptions"] = "subscriptions, configuration set through the API",
        ["sroi_webhook_deliveries"] = "deliveries of notifications, Wolverine's work",
        ["sroi_webhook_attempts"] = "the attempts of those deliveries",
        ["sroi_monitoring_armed"] = "when the deadline checks were first scheduled",
        ["people"] = "the people directory: names filled from sign-in claims and erasable, never from events",
        ["dashboard_sessions"] = "the dashboard's sign-in sessions (encrypted tickets), never from events",
        ["notification_read_markers"] = "how far each person or key has read the notification feed, set through the API, never from events",
    };

    /// <summary>Columns that say when Marten wrote a document row, not what it holds: a rebuild writes them anew.</summary>
    private static readonly string[] WriteStamps = ["mt_last_modified", "mt_version", "mt_created_at"];

    /// <summary>The tables of the ledger's schema that are read models: every base table but <see cref="NotProjections"/>.</summary>
    public static async Task<List<string>> TablesAsync(NpgsqlDataSource db)
    {
        var all = await QueryAsync(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        all.Should().Contain(NotProjections.Keys, "every table excluded from the comparison exists (the list stays honest)");
        return [.. all.Except(NotProjections.Keys).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every row of every read table, every column but Marten's write stamps, as JSON, in a stable order.</summary>
    public static async Task<Dictionary<string, List<string>>> RowsAsync(NpgsqlDataSource db, IEnumerable<string> tables)
    {
        var stamps = string.Join(", ", WriteStamps.Select(c => $"'{c}'"));
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in tables)
            rows[table] = await QueryAsync(db, $"SELECT (to_jsonb(t) - ARRAY[{stamps}])::text FROM {table} t ORDER BY 1");
        return rows;
    }

    public static async Task ShouldBeAsBeforeAsync(NpgsqlDataSource db, Dictionary<string, List<string>> before, List<string> tables)
    {
        var after = await RowsAsync(db, tables);
        foreach (var table in tables)
            after[table].Should().Equal(before[table], $"{table} is a pure function of the events");
    }

    private static async Task<List<string>> QueryAsync(NpgsqlDataSource db, string sql)
    {
        var rows = new List<string>();
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
