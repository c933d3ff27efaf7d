using Npgsql;
using Sroi.Ledger.Api.Candidates.ReportRows;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// A batch's report rows, made in memory (<see cref="CandidateRowsFold"/>), put in the tables where they differ (issue 23):
/// the batch's rows read by one round trip (a statement a table), each candidate's rows of each table compared with what it
/// made, and only where they differ the candidate's rows of that table deleted and the made ones written by binary COPY.
/// Where the read models are right (the common case: a rebuild run to check and repair), a batch writes nothing but its
/// reads; where a table's rules changed or its rows were lost, its rows are written once each, in their final versions,
/// instead of every version the events' statements make and close on the way. Either way the tables end holding exactly
/// the rows the fold made. Runs in the batch's transaction, under its streams' locks.
/// </summary>
public static class CandidateRowsWrite
{
    /// <returns>How many rows it wrote.</returns>
    public static async Task<long> RunAsync(NpgsqlConnection connection, string tenant, IReadOnlyList<string> numbers,
        IReadOnlyList<IReadOnlyDictionary<ReportTable, List<object?[]>>> made, CancellationToken ct)
    {
        var held = await ReadAsync(connection, tenant, numbers, ct);
        var differ = ReportTables.All.ToDictionary(t => t, t => Enumerable.Range(0, numbers.Count)
            .Where(i => !SameRows(made[i][t], held[t].GetValueOrDefault(numbers[i]) ?? [])).ToList());
        if (differ.Values.All(d => d.Count == 0)) return 0;

        await using (var delete = new NpgsqlBatch(connection))
        {
            foreach (var (table, candidates) in differ.Where(d => d.Value.Count > 0))
                delete.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {table.Name} WHERE municipality = $1 AND candidate_number = ANY ($2)")
                {
                    Parameters = { new() { Value = tenant }, new() { Value = candidates.Select(i => numbers[i]).ToArray() } },
                });
            await delete.ExecuteNonQueryAsync(ct);
        }
        var written = 0L;
        foreach (var (table, candidates) in differ.Where(d => d.Value.Count > 0))
        {
            var rows = candidates.SelectMany(i => made[i][table]).ToList();
            if (rows.Count == 0) continue;
            await table.CopyAsync(connection, rows, ct);
            written += rows.Count;
        }
        return written;
    }

    /// <summary>Every row the tables hold of the candidates, by table and candidate number: one round trip, a statement a table.</summary>
    private static async Task<Dictionary<ReportTable, Dictionary<string, List<object?[]>>>> ReadAsync(NpgsqlConnection connection, string tenant,
        IReadOnlyList<string> numbers, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        // Each table read by its index on the candidate, whatever the planner believes of its size: a table emptied (a lost
        // projection, a new one) has statistics of none, and its plan, prepared and kept while the rebuild fills it, was a
        // scan of the whole table testing every row against the 64 numbers — 15–19 ms a batch by the end, where the index
        // takes well under one (docs/benchmarks.md). For this transaction only.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('enable_seqscan', 'off', true)"));
        foreach (var table in ReportTables.All)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(table.Select) { Parameters = { new() { Value = tenant }, new() { Value = numbers.ToArray() } } });
        // Prepared: the same eleven texts in every batch.
        await batch.PrepareAsync(ct);
        var held = new Dictionary<ReportTable, Dictionary<string, List<object?[]>>>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        foreach (var table in ReportTables.All)
        {
            var ofTable = held[table] = [];
            while (await reader.ReadAsync(ct))
            {
                var row = table.Read(reader);
                var number = (string)row[table.CandidateColumn]!;
                if (!ofTable.TryGetValue(number, out var list)) ofTable[number] = list = [];
                list.Add(row);
            }
            await reader.NextResultAsync(ct);
        }
        return held;
    }

    /// <summary>
    /// The same rows, as a multiset: both sides ordered by their recorded interval, and the rows of each interval matched one
    /// to one (a candidate's rows of one table share an interval only when one append made them, a few at most).
    /// </summary>
    public static bool SameRows(List<object?[]> made, List<object?[]> held)
    {
        if (made.Count != held.Count || held.Any(row => row.Contains(ReportTable.Unreadable))) return false;
        var a = made.OrderBy(From).ThenBy(Until).ToList();
        var b = held.OrderBy(From).ThenBy(Until).ToList();
        for (var i = 0; i < a.Count;)
        {
            var j = i;
            while (j < a.Count && From(a[j]) == From(a[i]) && Until(a[j]) == Until(a[i])) j++;
            var used = new bool[j - i];
            for (var k = i; k < j; k++)
            {
                if (From(b[k]) != From(a[i]) || Until(b[k]) != Until(a[i])) return false;
                var match = -1;
                for (var l = i; l < j && match < 0; l++)
                    if (!used[l - i] && ReportTable.SameRow(a[k], b[l])) match = l;
                if (match < 0) return false;
                used[match - i] = true;
            }
            i = j;
        }
        return true;
    }

    private static DateTime From(object?[] row) => (DateTime)row[^2]!;

    private static DateTime Until(object?[] row) => (DateTime)row[^1]!;
}
