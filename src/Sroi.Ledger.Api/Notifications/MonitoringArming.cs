using Marten;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// Contracts recorded before the ledger sent notifications have no deadline check scheduled: the first start after the
/// upgrade sends one for each contract whose status still depends on the date, and marks that done in the same
/// transaction, so it happens once (a second instance starting at the same moment fails on the mark and sends nothing).
/// From then on every change of a contract sends its own check.
/// </summary>
public sealed class MonitoringArming(IDocumentStore store, NpgsqlDataSource db, IWolverineRuntime messaging, NodaTime.IClock clock,
    ILogger<MonitoringArming> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken ct)
    {
        // Nodes starting together take turns here: the second sees the first one's mark (Database/StartupLock).
        await using var turn = await Database.StartupLock.TakeForOnceOnlyWorkAsync(db, ct);
        await using (var armed = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM sroi_monitoring_armed)"))
            if ((bool)(await armed.ExecuteScalarAsync(ct))!) return;

        var checks = new List<ContractDeadlineCheck>();
        await using (var query = store.QuerySession())
            foreach (var contract in await query.Query<Contracts.ContractDocument>().Where(d => d.AnyTenant() && d.FixedStatus == null).ToListAsync(ct))
                checks.Add(new ContractDeadlineCheck(contract.State.Municipality.Value, contract.State.Id,
                    ContractDeadlineCheck.GenerationOf(contract.State, contract.Balance), ScheduledOn: null));

        await using var session = store.LightweightSession();
        session.QueueOperation(QueuedStatement.Of("INSERT INTO sroi_monitoring_armed (armed_at, contracts) VALUES ($1, $2)",
            clock.GetCurrentInstant(), checks.Count));
        var outbox = new MartenOutbox(messaging, session);
        foreach (var check in checks) await outbox.PublishAsync(check);
        try
        {
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Deadline checks sent for {Count} contracts recorded before notifications", checks.Count);
        }
        catch (Marten.Exceptions.MartenCommandException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance armed them first.
        }
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
