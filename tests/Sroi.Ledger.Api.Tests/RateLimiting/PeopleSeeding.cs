using Npgsql;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// People in the directory, straight into its table (a directory, not the ledger: no event to append): the directory's
/// list (<c>GET /api/v1/people</c>) is the expensive read whose answer's size the rate-limit tests choose by the names.
/// </summary>
internal static class PeopleSeeding
{
    public static async Task SeedAsync(string connectionString, string prefix, int count, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO people (actor, display_name, email, role, organisation, first_seen, last_seen)
            SELECT 'person:' || $1 || i, $3, 'p' || i || '@example.nl', 'auditor', 'Gemeente Rijswijk', now(), now()
            FROM generate_series(1, $2) i
            ON CONFLICT (actor) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue(prefix);
        command.Parameters.AddWithValue(count);
        command.Parameters.AddWithValue(name);
        await command.ExecuteNonQueryAsync();
    }
}
