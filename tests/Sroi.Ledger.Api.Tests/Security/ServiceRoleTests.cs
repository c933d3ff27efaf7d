using Npgsql;

namespace Sroi.Ledger.Api.Tests.Security;

/// <summary>
/// The service's database role writes the ledger but cannot rewrite it: the owner applied the schema and granted no
/// UPDATE, DELETE or TRUNCATE of events, no DELETE of streams, and owning nothing it cannot ALTER or disable a trigger.
/// </summary>
[Collection(ApiCollection.Name)]
public class ServiceRoleTests(LedgerApi api)
{
    [Theory]
    [InlineData("UPDATE mt_events SET data = data")]
    [InlineData("DELETE FROM mt_events")]
    [InlineData("TRUNCATE mt_events")]
    [InlineData("UPDATE sroi_event_hashes SET hash = hash")]
    [InlineData("DELETE FROM sroi_event_hashes")]
    [InlineData("DELETE FROM mt_streams")]
    [InlineData("UPDATE sroi_checkpoints SET position = 0")]
    [InlineData("DELETE FROM sroi_checkpoints")]
    [InlineData("TRUNCATE sroi_checkpoints")]
    [InlineData("ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update")]
    [InlineData("ALTER TABLE mt_events ADD COLUMN forged text")]
    [InlineData("DROP TRIGGER sroi_chain ON mt_events")]
    [InlineData("CREATE TABLE forged (id int)")]
    public async Task The_service_role_is_refused(string sql)
    {
        await using var service = NpgsqlDataSource.Create(api.ServiceConnectionString);
        await using var command = service.CreateCommand(sql);

        var refusal = await FluentActions.Awaiting(() => command.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>();
        refusal.Which.SqlState.Should().BeOneOf(PostgresErrorCodes.InsufficientPrivilege, "42501");
    }

    [Fact]
    public async Task The_service_role_appends_and_reads()
    {
        // Every other API test runs through this role; here, plainly, its rights on the event tables.
        await using var service = NpgsqlDataSource.Create(api.ServiceConnectionString);
        await using var command = service.CreateCommand("""
            SELECT has_table_privilege(current_user, 'mt_events', 'INSERT'), has_table_privilege(current_user, 'mt_events', 'SELECT'),
                   has_table_privilege(current_user, 'mt_events', 'UPDATE'), has_table_privilege(current_user, 'mt_streams', 'DELETE')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)).Should().Be((true, true, false, false));
    }
}
