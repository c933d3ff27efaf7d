extern alias api;

using System.Diagnostics;
using api::Sroi.Ledger.Api.Auditing.CommitSignatures;
using Npgsql;

namespace Sroi.Ledger.Benchmarks.Audit;

/// <summary>
/// Makes the ledger <c>--startup --ledger-events 1000000</c> seeded (Http/StartupLedger: 1,000 real candidates, then their
/// streams copied in SQL under names ending <c>-x1</c>, <c>-x2</c>, … with triggers off) a ledger that verifies, so
/// <c>--audit --verify-only --keep-database</c> can measure the verification at 1,000,000 events without seeding a million
/// events through the append path (hours on this machine). As seeded it does not verify, by design: the copies carry their
/// originals' chain links (the chain covers the stream's name), their documents their originals' <c>id</c>, and its
/// appends were not signed (the seeding's store had no signer). Once, on a copy of that cluster (never on the one
/// --startup keeps): the copies' chains recomputed by the schema's own function, their documents' <c>id</c> set to the
/// stream's, and every stream's head signed with this harness's key as the commit that appended it — one signed head a
/// stream, as <c>--audit</c>'s own seeding (<see cref="Reports.CandidateHistories"/>: a candidate in one append) leaves.
/// Done as the superuser with <c>session_replication_role = replica</c> (the immutability triggers off, as the seeding did).
/// </summary>
internal static class StartupLedgerAdoption
{
    /// <summary>A copied stream's name: the original's and <c>-x</c> with the copy's number (StartupLedger's <c>Copied</c>).</summary>
    private const string CopiedStream = "'-x[0-9]+$'";

    public static async Task AdoptAsync(BenchDatabase server, bool rebuildable = false)
    {
        await using var connection = await server.DataSource.OpenConnectionAsync();
        if (rebuildable) await MakeRebuildableAsync(connection);
        async Task<long> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var streams = await Scalar("SELECT count(*) FROM mt_streams");
        if (await Scalar($"SELECT count(*) FROM sroi_commit_signatures WHERE key_fingerprint = '{server.Key.Fingerprint}'") >= streams)
        {
            Console.WriteLine($"adoption: every one of the {streams:N0} streams has a head signed with this harness's key already");
            return;
        }
        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            async Task<int> Execute(string sql)
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
                return await command.ExecuteNonQueryAsync();
            }
            await Execute("SET LOCAL session_replication_role = replica");
            const string Canonical = "sroi_event_canonical_bytes(e.tenant_id, e.stream_id, e.version, e.id, e.type, e.data, e.user_name, " +
                "e.correlation_id, e.causation_id, e.headers, e.timestamp)";
            // Each copy's chain as the append trigger (EventLog/event_chain.sql) would have written it, version after version.
            await Execute($"""
                CREATE TEMP TABLE rechained ON COMMIT DROP AS
                WITH RECURSIVE c AS (
                    SELECT e.tenant_id, e.stream_id, e.version, sha256({Canonical}) AS hash
                    FROM mt_events e WHERE e.version = 1 AND e.stream_id ~ {CopiedStream}
                  UNION ALL
                    SELECT e.tenant_id, e.stream_id, e.version, sha256(c.hash || {Canonical})
                    FROM c JOIN mt_events e ON e.tenant_id = c.tenant_id AND e.stream_id = c.stream_id AND e.version = c.version + 1
                )
                SELECT * FROM c
                """);
            var hashes = await Execute("""
                UPDATE sroi_event_hashes h SET hash = r.hash FROM rechained r
                WHERE h.tenant_id = r.tenant_id AND h.stream_id = r.stream_id AND h.version = r.version AND h.hash <> r.hash
                """);
            var documents = await Execute($$"""
                UPDATE mt_doc_candidatedocument SET data = jsonb_set(data, '{id}', to_jsonb(id))
                WHERE id ~ {{CopiedStream}} AND data->>'id' IS DISTINCT FROM id
                """);
            // Heads signed by another key (the service's, in --startup's runs) would each be a finding (commit.other-key).
            var removed = await Execute("DELETE FROM sroi_commit_signatures");
            var heads = new List<(string Tenant, string Stream, long Version, byte[] Hash)>();
            await using (var read = new NpgsqlCommand("""
                SELECT DISTINCT ON (tenant_id, stream_id) tenant_id, stream_id, version, hash FROM sroi_event_hashes
                ORDER BY tenant_id, stream_id, version DESC
                """, connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    heads.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
            foreach (var chunk in heads.Chunk(2_000))
                await CommitSignatureTable.InsertAsync(connection, transaction, chunk, SignedHead.Commit, server.Key, default);
            await transaction.CommitAsync();
            Console.WriteLine($"adoption: the copied streams rechained ({hashes:N0} chain hashes changed), {documents:N0} documents' id set, " +
                $"{removed:N0} heads of another key removed, {heads.Count:N0} heads signed; {clock.Elapsed.TotalSeconds:0} s");
        }
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 })
            await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// What the copies need before a rebuild can fold them (<c>--rebuild-only</c>, issue 23), each step done once and found
    /// done after: the copies' events were made in SQL, not by commands, so (1) some copies' names hold a number the ledger
    /// refuses (its digits pass the elfproef: "B-0000000-x12" is 000000012), and no command could have made such a stream:
    /// they are removed; (2) a copy's placements carry its original's placement ids, which the report tables key on: each
    /// copy's are made its own (a hash of the stream and the original id); (3) the copies' events were numbered in the log
    /// in no stream order, while Marten reads a stream in the log's order: they are renumbered in stream order, after every
    /// other event. (2) changes events, so every head is signed again by the adoption after it (its chains recomputed).
    /// </summary>
    private static async Task MakeRebuildableAsync(NpgsqlConnection connection)
    {
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task<int> Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            return await command.ExecuteNonQueryAsync();
        }
        await Execute("SET LOCAL session_replication_role = replica");
        await Execute($"""
            CREATE TEMP TABLE refused ON COMMIT DROP AS
            SELECT tenant_id, id FROM (
                SELECT tenant_id, id, CASE WHEN length(d) > 9 AND ltrim(left(d, length(d) - 9), '0') = '' THEN right(d, 9) ELSE d END AS d
                FROM (SELECT tenant_id, id, regexp_replace(substr(id, length('candidate-' || tenant_id || '-') + 1), '[^0-9]', '', 'g') AS d
                      FROM mt_streams WHERE id ~ {CopiedStream}) s) n
            WHERE length(d) = 9 AND d !~ '^0+$'
              AND (9 * substr(d, 1, 1)::int + 8 * substr(d, 2, 1)::int + 7 * substr(d, 3, 1)::int + 6 * substr(d, 4, 1)::int
                   + 5 * substr(d, 5, 1)::int + 4 * substr(d, 6, 1)::int + 3 * substr(d, 7, 1)::int + 2 * substr(d, 8, 1)::int
                   - substr(d, 9, 1)::int) % 11 = 0
            """);
        var refused = 0;
        foreach (var (table, column) in new[] { ("mt_events", "stream_id"), ("sroi_event_hashes", "stream_id"), ("sroi_commit_signatures", "stream_id"),
                     ("mt_doc_candidatedocument", "id"), ("mt_streams", "id") })
            refused = await Execute($"DELETE FROM {table} t USING refused r WHERE t.tenant_id = r.tenant_id AND t.{column} = r.id");
        var placements = await Execute($$"""
            UPDATE mt_events e SET data = jsonb_set(e.data, '{placementId}', to_jsonb(md5(e.stream_id || ':' || (e.data->>'placementId'))::uuid::text))
            FROM mt_events o
            WHERE e.data ? 'placementId' AND e.stream_id ~ {{CopiedStream}}
              AND o.tenant_id = e.tenant_id AND o.stream_id = regexp_replace(e.stream_id, {{CopiedStream}}, '') AND o.version = e.version
              AND o.data->>'placementId' = e.data->>'placementId'
            """);
        if (placements > 0) await Execute("DELETE FROM sroi_commit_signatures");
        var renumbered = await Execute($"""
            WITH unordered AS (
                SELECT tenant_id, stream_id FROM mt_events WHERE stream_id ~ {CopiedStream} GROUP BY tenant_id, stream_id
                HAVING array_agg(version ORDER BY seq_id) <> array_agg(version ORDER BY version)
            ), numbered AS (
                SELECT e.seq_id, (SELECT max(seq_id) FROM mt_events) + row_number() OVER (ORDER BY e.tenant_id, e.stream_id, e.version) AS seq
                FROM mt_events e JOIN unordered u USING (tenant_id, stream_id)
            )
            UPDATE mt_events e SET seq_id = n.seq FROM numbered n WHERE e.seq_id = n.seq_id
            """);
        await Execute("SELECT setval('mt_events_sequence', (SELECT max(seq_id) FROM mt_events))");
        await transaction.CommitAsync();
        Console.WriteLine($"made rebuildable: {refused:N0} copies with a refused number removed, {placements:N0} placement events given ids of their copy's own, " +
            $"{renumbered:N0} events renumbered in stream order; {clock.Elapsed.TotalSeconds:0} s");
    }
}
