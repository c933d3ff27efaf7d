using Npgsql;

namespace Sroi.Ledger.Testing;

/// <summary>
/// The tests' raw SQL on a database (arranging a state, forcing a failure, counting rows), with PostgreSQL's own
/// <c>$1 … $n</c> parameters: one helper instead of a private copy in every test class. A value given as an
/// <see cref="NpgsqlParameter"/> is taken as it is (a typed null); any other is typed from its value.
/// </summary>
public static class RawSql
{
    /// <summary>Runs <paramref name="sql"/> (one statement with values, or several without); the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = Command(db, sql, values);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The first column of the first row as a whole number (a count, a sequence's value: any integer type). No row, or a
    /// null, is an error: a count the test relies on is never silently 0.
    /// </summary>
    public static async Task<long> ScalarAsync(this NpgsqlDataSource db, string sql, params object[] values) =>
        Convert.ToInt64(await ValueAsync(db, sql, values));

    /// <summary>
    /// The first column of the first row as a <typeparamref name="T"/> (a number converted, exactly, to another number type: a
    /// bigint count as an int); a null only when <typeparamref name="T"/> admits one.
    /// </summary>
    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = Command(db, sql, values);
        return await command.ExecuteScalarAsync() switch
        {
            null or DBNull when default(T) is null => default!,
            null or DBNull => throw new InvalidOperationException($"No value from: {sql}"),
            T value => value,
            var value => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static async Task<object> ValueAsync(NpgsqlDataSource db, string sql, object[] values)
    {
        await using var command = Command(db, sql, values);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? value : throw new InvalidOperationException($"No value from: {sql}");
    }

    private static NpgsqlCommand Command(NpgsqlDataSource db, string sql, object[] values)
    {
        var command = db.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return command;
    }
}
