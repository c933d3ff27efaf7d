using System.Text.Json;
using Npgsql;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary>
/// The contract list's total without reading every match: counted exactly up to <see cref="ExactUpTo"/> (a LIMIT under the
/// count, so PostgreSQL stops at the bound), beyond it the planner's estimate of the same query (EXPLAIN, no rows read).
/// The exact count at 10,000 contracts made the page cost what counting the whole municipality costs (issue 23); a list of
/// more than a thousand contracts is paged with a search or a filter, and its total is shown as an estimate.
/// </summary>
public static class ContractCount
{
    public const int ExactUpTo = 1_000;

    /// <summary>For descriptions (a constant's text).</summary>
    public const string ExactUpToText = "1,000";

    /// <param name="seen">The matches this page and the earlier ones hold: the total is never below it.</param>
    public static async Task<(long Total, bool Exact)> CountAsync(NpgsqlConnection connection, string where, IReadOnlyList<object> parameters, long seen, CancellationToken ct)
    {
        long counted;
        await using (var count = Command(connection, BoundedSql(where), parameters))
            counted = (long)(await count.ExecuteScalarAsync(ct))!;
        return await TotalAsync(connection, counted, where, parameters, seen, ct);
    }

    /// <summary>The bounded count's statement: a caller may send it in one batch with its page (<see cref="ContractQueries.ListAsync"/>).</summary>
    public static string BoundedSql(string where) =>
        $"SELECT count(*) FROM (SELECT FROM {ContractStorage.Table} WHERE {where} LIMIT {ExactUpTo + 1}) AS bounded";

    /// <summary>The total from the bounded count <paramref name="counted"/>: it, or beyond the bound the planner's estimate.</summary>
    public static async Task<(long Total, bool Exact)> TotalAsync(NpgsqlConnection connection, long counted, string where, IReadOnlyList<object> parameters, long seen, CancellationToken ct)
    {
        if (counted <= ExactUpTo) return (counted, true);

        await using var explain = Command(connection, $"EXPLAIN (FORMAT JSON) SELECT FROM {ContractStorage.Table} WHERE {where}", parameters);
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(ct))!);
        var estimate = (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return (Math.Max(Math.Max(estimate, ExactUpTo + 1), seen), false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IReadOnlyList<object> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
