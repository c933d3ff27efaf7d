extern alias api;

using api::Sroi.Ledger.Api.EventLog;
using Npgsql;

namespace Sroi.Ledger.Benchmarks;

internal sealed record Measurement(string Case, string Subject, int Round, double PerSecond);

/// <summary>
/// Median of the rounds per case and subject, and the ledger's ratio to each raw baseline of the same run:
/// unprepared (the issue's baseline) and prepared. Then what was stored, as a check that both sides wrote what
/// they claim (one row per append, a hash per ledger event, the chain intact) and of Marten's tombstones.
/// </summary>
internal static class Report
{
    public const string Raw = "raw Npgsql";
    public const string Ledger = "ledger";
    public const string RawPrepared = "raw prepared";

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to print beside the figures: the machine may be shared.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static void Print(IReadOnlyList<Measurement> results, string database, TimeSpan elapsed, string loadBefore, string loadAfter)
    {
        Console.WriteLine();
        Console.WriteLine($"database: {database}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; measured in {elapsed.TotalSeconds:0} s " +
            $"(load average 1/5/15 min: {loadBefore} before the warm-up, {loadAfter} after the last round); medians of the rounds; ratio = ledger / raw");
        Console.WriteLine();
        Console.WriteLine($"{"case",-24} {"raw /s",8} {"ledger /s",10} {"ratio",6} {"prepared /s",12} {"ratio",6}   rounds: raw | ledger | prepared");
        foreach (var group in results.GroupBy(r => r.Case))
        {
            List<double> Of(string subject) => group.Where(r => r.Subject == subject).Select(r => r.PerSecond).ToList();
            var (raw, ledger, prepared) = (Of(Raw), Of(Ledger), Of(RawPrepared));
            Console.WriteLine($"{group.Key,-24} {Median(raw),8:N0} {Median(ledger),10:N0} {Median(ledger) / Median(raw),6:0.00} " +
                $"{Median(prepared),12:N0} {Median(ledger) / Median(prepared),6:0.00}   " +
                $"{Rounds(raw)} | {Rounds(ledger)} | {Rounds(prepared)}");
        }
    }

    /// <summary>Answers 1 when the last stream's chain is broken, else 0.</summary>
    public static async Task<int> PrintStoredAsync(NpgsqlDataSource db, LedgerEvents events)
    {
        await using var command = db.CreateCommand("""
            SELECT (SELECT count(*) FROM bench_events),
                   (SELECT count(*) FROM mt_events WHERE tenant_id = $1 AND stream_id LIKE 'contract-%'),
                   (SELECT count(*) FROM sroi_event_hashes WHERE tenant_id = $1 AND stream_id LIKE 'contract-%'),
                   (SELECT count(*) FROM mt_events WHERE stream_id = 'mt_tombstone'),
                   (SELECT max(seq_id) - count(*) FROM mt_events),
                   (SELECT pg_size_pretty(pg_total_relation_size('bench_events'))),
                   (SELECT pg_size_pretty(pg_total_relation_size('mt_events') + pg_total_relation_size('sroi_event_hashes'))),
                   (SELECT stream_id FROM mt_events WHERE tenant_id = $1 AND stream_id LIKE 'contract-%' ORDER BY seq_id DESC LIMIT 1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = BenchEvent.Tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var last = new StreamId(reader.GetString(7));
        var chain = EventChainVerifier.Verify(last, await events.ReadStreamAsync(BenchEvent.Tenant, last));
        Console.WriteLine();
        Console.WriteLine($"stored: raw (both baselines) {reader.GetInt64(0):N0} events ({reader.GetString(5)}); ledger {reader.GetInt64(1):N0} events, " +
            $"{reader.GetInt64(2):N0} chain hashes ({reader.GetString(6)} with the hash table); Marten tombstones {reader.GetInt64(3):N0}, " +
            $"unused sequence numbers {reader.GetInt64(4):N0}; chain of the last stream ({chain.EventsChecked} events) " +
            (chain.IsIntact ? "intact" : $"broken at {chain.FirstBrokenVersion}"));
        return chain.IsIntact ? 0 : 1;
    }

    /// <summary>
    /// Not timed: what a lost race leaves behind. A stream at version 2 gets ten appends that expect version 1 and ten
    /// that expect a new stream (version 0); each must be a <see cref="StreamConflictException"/>. Then the counts
    /// of Marten's tombstones (its placeholders for the sequence numbers a failed append drew) and of the sequence
    /// numbers used, and whether the stream still takes its next append with an intact chain. Answers the number of
    /// stale appends that were not refused as a conflict, plus 1 when the next append did not land with an intact chain.
    /// </summary>
    public static async Task<int> PrintConflictProbeAsync(NpgsqlDataSource db, LedgerEvents events)
    {
        async Task<(long Tombstones, long Sequence)> CountAsync()
        {
            await using var command = db.CreateCommand(
                "SELECT (SELECT count(*) FROM mt_events WHERE stream_id = 'mt_tombstone'), (SELECT last_value FROM mt_events_sequence)");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        var stream = $"contract-{Guid.NewGuid()}";
        await events.AppendAsync(BenchEvent.Append(stream, 0));
        await events.AppendAsync(BenchEvent.Append(stream, 1));
        var before = await CountAsync();
        var conflicts = 0;
        foreach (var stale in Enumerable.Repeat(1L, 10).Concat(Enumerable.Repeat(0L, 10)))
        {
            try { await events.AppendAsync(BenchEvent.Append(stream, stale)); }
            catch (StreamConflictException e) when (e.ActualVersion == 2) { conflicts++; }
        }
        var after = await CountAsync();
        await events.AppendAsync(BenchEvent.Append(stream, 2));
        var chain = EventChainVerifier.Verify(new StreamId(stream), await events.ReadStreamAsync(BenchEvent.Tenant, new StreamId(stream)));
        Console.WriteLine($"conflict probe: 20 stale appends, {conflicts} StreamConflictException (actual version 2); Marten tombstones " +
            $"+{after.Tombstones - before.Tombstones}, sequence numbers drawn +{after.Sequence - before.Sequence}; the next append at version 2 " +
            $"{(chain.EventsChecked == 3 && chain.IsIntact ? "landed, chain intact" : $"left {chain.EventsChecked} events, chain intact: {chain.IsIntact}")}");
        return 20 - conflicts + (chain.EventsChecked == 3 && chain.IsIntact ? 0 : 1);
    }

    private static string Rounds(List<double> values) => string.Join(" ", values.Select(v => v.ToString("N0")));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
