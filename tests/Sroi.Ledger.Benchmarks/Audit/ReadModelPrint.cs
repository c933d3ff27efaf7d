using Npgsql;

namespace Sroi.Ledger.Benchmarks.Audit;

/// <summary>
/// What the read models hold, table by table, as a count and an order-free sum of each row's hash (every column but Marten's
/// write stamp), so a rebuild of a million events can be held to the rows that were there before it without keeping them:
/// the rebuild writes only what differs from its fold (issue 23), and a fold that differed from the projection's statements
/// would change a print.
/// </summary>
public sealed record ReadModelPrint(IReadOnlyDictionary<string, (long Rows, decimal Hashes)> Tables)
{
    public static async Task<ReadModelPrint> TakeAsync(NpgsqlDataSource db, IEnumerable<string> tables)
    {
        var prints = new Dictionary<string, (long, decimal)>();
        foreach (var table in tables)
        {
            await using var command = db.CreateCommand(
                $"SELECT count(*), coalesce(sum(hashtextextended((to_jsonb(t) - 'mt_last_modified')::text, 0)::numeric), 0) FROM {table} t");
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            prints[table] = (reader.GetInt64(0), reader.GetDecimal(1));
        }
        return new ReadModelPrint(prints);
    }

    public void ShouldBe(ReadModelPrint expected, string what)
    {
        var differ = expected.Tables.Where(t => Tables[t.Key] != t.Value).Select(t => $"{t.Key} ({Tables[t.Key].Rows:N0} rows, {t.Value.Rows:N0} before)").ToList();
        if (differ.Count > 0) throw new InvalidOperationException($"After {what} the read models differ from before: {string.Join(", ", differ)}.");
    }
}
