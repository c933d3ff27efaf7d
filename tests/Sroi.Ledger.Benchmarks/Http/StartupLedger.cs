extern alias api;

using api::Sroi.Ledger.Api.Notifications;
using System.Diagnostics;
using api::Sroi.Ledger.Api.EventLog;
using Npgsql;
using Sroi.Ledger.Benchmarks.Reports;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// The ledger <c>--startup --ledger-events N</c> starts on (issue 23: start-up within 1 s on 1,000,000 events), seeded in
/// a minute or two instead of the quarter of an hour a million appends take on this machine. Real candidate histories
/// first (<see cref="CandidateHistories"/>: the real decider, appended through the ledger with its inline folds and report
/// rows, a hundredth of N as candidates, at most 1,000), then copies of those streams in SQL under new names (<c>…-x1</c>, <c>…-x2</c>, …):
/// their <c>mt_streams</c>, <c>mt_events</c> (a new id and sequence number each), <c>sroi_event_hashes</c> and their
/// folded documents, until the ledger holds about N events. The copies are written as the cluster's superuser with
/// triggers off (<c>session_replication_role = replica</c>), so their chain links are copies too: the ledger does not
/// verify, which start-up does not look at. The candidates' report tables hold the real candidates only.
/// Plus <c>--scheduled N</c> scheduled envelopes in Wolverine's table, due in a year (never run during the measurement):
/// what a start that touches every scheduled message would have to touch.
/// </summary>
internal static class StartupLedger
{
    private const string Copied = "-x";

    public static async Task SeedAsync(string ownerConnectionString, int events, int scheduled)
    {
        var clock = Stopwatch.StartNew();
        await using (var pool = LedgerDataSource.Create(ownerConnectionString))
        {
            using var store = LedgerStoreOptions.CreateStore(pool);
            // A hundredth of the events as candidates of about ten events each (at most 1,000): the rest are copies of them.
            var real = Math.Clamp(events / 100, 1, 1000);
            await CandidateHistories.SeedAsync(new LedgerEvents(store, pool), real);
            Console.WriteLine($"seeding: {real:N0} candidates appended through the ledger in {clock.Elapsed.TotalSeconds:0} s");
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        async Task<long> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        async Task<int> Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            return await command.ExecuteNonQueryAsync();
        }

        var total = await Scalar("SELECT count(*) FROM mt_events");
        var perCopy = await Scalar("SELECT count(*) FROM mt_events WHERE stream_id LIKE 'candidate-%'");
        var copies = perCopy == 0 ? 0 : (int)Math.Max(0, Math.Ceiling((events - total) / (double)perCopy));
        if (copies > 0)
        {
            await Execute("SET session_replication_role = replica");
            var sequence = await DefaultOfAsync(connection, "mt_events", "seq_id");
            await Execute(CopySql("mt_streams", "id", copies, ""));
            await Execute(CopySql("mt_events", "stream_id", copies, $", 'id', gen_random_uuid(), 'seq_id', {sequence}"));
            await Execute($"""
                INSERT INTO sroi_event_hashes (tenant_id, stream_id, version, seq_id, hash)
                SELECT e.tenant_id, e.stream_id, e.version, e.seq_id, h.hash
                FROM mt_events e JOIN sroi_event_hashes h
                  ON h.tenant_id = e.tenant_id AND h.version = e.version AND h.stream_id = regexp_replace(e.stream_id, '{Copied}[0-9]+$', '')
                WHERE e.stream_id LIKE 'candidate-%{Copied}%'
                """);
            foreach (var table in await DocumentTablesAsync(connection))
                await Execute(CopySql(table, "id", copies, ""));
            await Execute("SET session_replication_role = origin");
        }
        if (scheduled > 0)
            await Execute($"""
                INSERT INTO {MessageStorage.Schema}.wolverine_incoming_envelopes
                    (id, status, owner_id, execution_time, attempts, body, message_type, received_at)
                SELECT gen_random_uuid(), 'Scheduled', 0, now() + interval '365 days', 0, '\x00'::bytea,
                       '{typeof(ContractDeadlineCheck).FullName}', 'local://durable/'
                FROM generate_series(1, {scheduled})
                """);
        await Execute("VACUUM ANALYZE");
        Console.WriteLine($"seeding: {await Scalar("SELECT count(*) FROM mt_events"):N0} events in {await Scalar("SELECT count(*) FROM mt_streams"):N0} streams " +
            $"({copies:N0} copies of the real candidates' {perCopy:N0} events), {await Scalar($"SELECT count(*) FROM {MessageStorage.Schema}.wolverine_incoming_envelopes WHERE status = 'Scheduled'"):N0} " +
            $"scheduled envelopes; database {await Scalar("SELECT pg_database_size(current_database())") / 1024 / 1024:N0} MiB; {clock.Elapsed.TotalSeconds:0} s in all");
    }

    /// <summary>
    /// Whether a kept database (<c>--keep-database</c>) already holds the ledger a run asks for: at least
    /// <paramref name="events"/> events and <paramref name="scheduled"/> scheduled envelopes. Then it is measured as it is.
    /// </summary>
    public static async Task<bool> IsSeededAsync(string ownerConnectionString, int events, int scheduled)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT count(*) FROM mt_events),
                   (SELECT count(*) FROM {MessageStorage.Schema}.wolverine_incoming_envelopes WHERE status = 'Scheduled')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (held, waiting) = (reader.GetInt64(0), reader.GetInt64(1));
        var seeded = held >= events * 0.99 && waiting >= scheduled;
        Console.WriteLine(seeded
            ? $"seeding: the kept database already holds {held:N0} events and {waiting:N0} scheduled envelopes; measured as it is"
            : $"seeding: the database holds {held:N0} events and {waiting:N0} scheduled envelopes; seeding");
        return seeded;
    }

    /// <summary>Every row of <paramref name="table"/> whose <paramref name="key"/> names a real candidate's stream, copied <paramref name="copies"/> times under new names.</summary>
    private static string CopySql(string table, string key, int copies, string alsoSet) => $"""
        INSERT INTO {table} SELECT (jsonb_populate_record(NULL::{table},
            to_jsonb(source) || jsonb_build_object('{key}', source.{key} || '{Copied}' || k {alsoSet}))).*
        FROM {table} source CROSS JOIN generate_series(1, {copies}) k
        WHERE source.{key} LIKE 'candidate-%' AND source.{key} NOT LIKE '%{Copied}%'
        ORDER BY k, source.{key}
        """;

    private static async Task<string> DefaultOfAsync(NpgsqlConnection connection, string table, string column)
    {
        // Marten's quick append names its sequence itself (the column has no default): the same sequence for the copies.
        await using var command = new NpgsqlCommand("""
            SELECT coalesce((SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
                             JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                             WHERE d.adrelid = to_regclass($1) AND a.attname = $2),
                            CASE WHEN to_regclass($1 || '_sequence') IS NOT NULL THEN format('nextval(%L)', $1 || '_sequence') END)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = column });
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{table}.{column} has no default and no sequence.");
    }

    /// <summary>Marten's document tables that hold a fold of a candidate stream (keyed by the stream's name).</summary>
    private static async Task<List<string>> DocumentTablesAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND a.atttypid IN ('varchar'::regtype, 'text'::regtype)
            WHERE c.relkind = 'r' AND c.relname LIKE 'mt\_doc\_%' AND n.nspname = current_schema()
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} WHERE id LIKE 'candidate-%')", connection);
            if (await any.ExecuteScalarAsync() is true) holding.Add(table);
        }
        return holding;
    }
}
