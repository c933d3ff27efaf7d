using Npgsql;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// A back-fill of a duplicated column that runs once per version: its marker row in <c>schema_migrations</c> (component,
/// version) says it ran, and a start finding it skips the scan. Two nodes starting together may both fill: harmless when
/// the fill's updates ask for the column to be empty still, as every back-fill here does.
/// </summary>
public static class BackfillMarker
{
    /// <returns>The rows <paramref name="fill"/> filled; null when the marker said there was nothing to do.</returns>
    public static async Task<int?> RunOnceAsync(NpgsqlDataSource db, string component, int version, string name,
        Func<CancellationToken, Task<int>> fill, CancellationToken ct)
    {
        await using (var done = db.CreateCommand("SELECT EXISTS (SELECT FROM schema_migrations WHERE component = $1 AND version >= $2)"))
        {
            done.Parameters.Add(new NpgsqlParameter { Value = component });
            done.Parameters.Add(new NpgsqlParameter { Value = version });
            if ((bool)(await done.ExecuteScalarAsync(ct))!) return null;
        }
        var filled = await fill(ct);
        await using var mark = db.CreateCommand(
            "INSERT INTO schema_migrations (component, version, script) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        mark.Parameters.Add(new NpgsqlParameter { Value = component });
        mark.Parameters.Add(new NpgsqlParameter { Value = version });
        mark.Parameters.Add(new NpgsqlParameter { Value = $"{name} ({filled} contracts filled)" });
        await mark.ExecuteNonQueryAsync(ct);
        return filled;
    }
}
