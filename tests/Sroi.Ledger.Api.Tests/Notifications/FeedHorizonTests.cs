using System.Net;
using Npgsql;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// The feed waits for the transactions of its own database only (Notifications/FeedHorizon). Transaction ids are the
/// server's: a transaction left open in another database on it — another application, a migration, another test's
/// database — held back every WSP's notifications for as long as it ran (the dashboard's inbox test once waited 100 s
/// for one), though nothing it commits can be a notification of the ledger.
/// </summary>
[Collection(NotificationsCollection.Name)]
public sealed class FeedHorizonTests(NotificationsApi api)
{
    [Fact]
    public async Task A_transaction_open_in_another_database_of_the_server_does_not_hold_back_the_feed_or_the_unread_count()
    {
        const string municipality = "GM9491";
        var wsp = await api.ClientAsync("wsp", municipality);
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var elsewhere = await TestPostgres.CreateDatabaseAsync("feed_horizon_elsewhere");
        try
        {
            await using var other = new NpgsqlConnection(elsewhere);
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_current_xact_id()", other, transaction))
                await take.ExecuteScalarAsync();

            // Written after the other database's transaction took its id, and while it stays open.
            var id = await NotificationScenario.RegisterAsync(inkoop, ContractBodies.UniqueKvk(), new NodaTime.LocalDate(2027, 6, 1), new NodaTime.LocalDate(2029, 5, 31));

            var feed = await Eventually.UntilAsync(async () => await (await wsp.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK),
                page => page["items"]!.AsArray().Count >= 1, "the WSP's feed shows the registration", TimeSpan.FromSeconds(20), page => page.ToJsonString());
            feed["items"]!.AsArray().Should().ContainSingle().Which!["contractId"]!.GetValue<string>().Should().Be(id);
            (await (await wsp.GetAsync("/api/v1/notifications/unread")).ShouldBeAsync(HttpStatusCode.OK))["unread"]!.GetValue<long>().Should().Be(1);
            await transaction.RollbackAsync();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(elsewhere);
        }
    }
}
