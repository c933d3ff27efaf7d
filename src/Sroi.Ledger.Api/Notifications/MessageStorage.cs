using JasperFx;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Postgresql;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// Wolverine's envelope tables (its transactional outbox, inbox and scheduled messages) live in the ledger's database, in
/// a schema of their own. Like every other table they are created by the schema's owner at start-up
/// (<see cref="Database.LedgerDatabase.PrepareAsync"/>), never by the service's role, which only gets what
/// EventLog/service_role.sql grants it there.
/// </summary>
public static class MessageStorage
{
    public const string Schema = "wolverine";

    /// <summary>
    /// Wolverine builds its PostgreSQL message store only inside a host, so the owner's migration builds a bare one on the
    /// owner's connection (no handlers, never started) and asks its store to create or update the tables.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource owner, CancellationToken ct)
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.Discovery.DisableConventionalDiscovery();
                options.PersistMessagesWithPostgresql(owner, Schema);
                options.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            })
            .Build();
        await host.Services.GetRequiredService<IMessageStore>().Admin.MigrateAsync();
        ct.ThrowIfCancellationRequested();
    }
}
