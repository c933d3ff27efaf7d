using Npgsql;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// A table of the fixture's database locked against every reader until released (ACCESS EXCLUSIVE, in a transaction of
/// the test's own connection, <c>await using</c>): a read of it waits in PostgreSQL, past the limiters, holding its places. Of the requests
/// the rate-limit tests send, only the directory's list reads <see cref="People"/> and only the placements report
/// <see cref="Placements"/>; the verification reads neither.
/// </summary>
public sealed class HeldTable(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    private bool released;

    public const string People = "people";
    public const string PeopleRead = "/api/v1/people";
    public const string Placements = "placements";
    public const string PlacementsRead = "/api/v1/reports/placements?year=2026";

    public static async Task<HeldTable> LockAsync(string connectionString, string table)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        return new HeldTable(connection, transaction);
    }

    public async Task ReleaseAsync()
    {
        if (released) return;
        released = true;
        await transaction.RollbackAsync();
        await connection.DisposeAsync();
    }

    /// <summary>Released whatever the test's end: a lock left would hold every later test's reads of the table.</summary>
    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
