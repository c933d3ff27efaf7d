using Marten;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Pso;

/// <summary>
/// Contracts whose contractor (or a supplier) held a certificate before PSO was folded into the contract (issue 21) have no
/// <c>contract.pso-applied.v1</c> until the next change of a certificate or policy. The first start of a version that
/// raises <see cref="Version"/> sends <see cref="ReapplyPso.ForPolicy"/> for every municipality whose policy has PSO rules,
/// through Wolverine's durable outbox, in one transaction with its marker row in <c>schema_migrations</c> (component
/// <see cref="Component"/>). So it is sent once: a second node starting at the same moment waits on the marker's primary
/// key and then fails on it, and its messages are rolled back with it; a crash before the commit leaves neither, and the
/// next start sends them. The handler is idempotent besides (a contract whose terms are already these gets nothing) and
/// never touches a settled contract. Runs once the host has started, when Wolverine routes messages.
/// </summary>
public sealed class PsoBackfill(IDocumentStore store, NpgsqlDataSource db, IWolverineRuntime messaging, ILogger<PsoBackfill> logger)
    : IHostedLifecycleService
{
    /// <summary>Raised when a release changes what the fold decides, so contracts already there are decided again.</summary>
    public const int Version = 1;

    public const string Component = "backfill:pso-applied";

    /// <summary>The municipalities this node sent the message for; null when the marker said done or another node sent them.</summary>
    public IReadOnlyList<string>? Sent { get; private set; }

    public async Task StartedAsync(CancellationToken ct)
    {
        try
        {
            Sent = await RunOnceAsync(ct);
            if (Sent is { } sent)
                logger.LogInformation("PSO back-fill: the contracts of {Count} municipalities are decided again ({Municipalities})",
                    sent.Count, string.Join(", ", sent));
        }
        catch (Exception e) when (Database.DatabaseFailure.IsUnavailable(e))
        {
            logger.LogWarning(e, "PSO back-fill not sent now (the database is unavailable); the next start does it");
        }
    }

    private async Task<IReadOnlyList<string>?> RunOnceAsync(CancellationToken ct)
    {
        // Nodes starting together take turns here: the second sees the first one's marker (Database/StartupLock).
        await using var turn = await Database.StartupLock.TakeForOnceOnlyWorkAsync(db, ct);
        await using (var done = db.CreateCommand("SELECT EXISTS (SELECT FROM schema_migrations WHERE component = $1 AND version >= $2)"))
        {
            done.Parameters.Add(new NpgsqlParameter { Value = Component });
            done.Parameters.Add(new NpgsqlParameter { Value = Version });
            if ((bool)(await done.ExecuteScalarAsync(ct))!) return null;
        }

        // Policies are public data: every municipality's versions, read once.
        var municipalities = (await SroiPolicies.ListAsync(store, null, ct))
            .Where(v => v.Pso is not null).Select(v => v.Municipality.Value).Distinct().Order(StringComparer.Ordinal).ToList();

        await using var session = store.LightweightSession();
        // No ON CONFLICT: a marker already there (another node committed first) must fail this transaction, messages and all.
        session.QueueOperation(QueuedStatement.Of("INSERT INTO schema_migrations (component, version, script) VALUES ($1, $2, $3)",
            Component, Version, $"{nameof(PsoBackfill)} ({municipalities.Count} municipalities: {string.Join(" ", municipalities)})"));
        var outbox = new MartenOutbox(messaging, session);
        foreach (var municipality in municipalities)
            await outbox.PublishAsync(ReapplyPso.ForPolicy(MunicipalityCode.Parse(municipality), $"pso back-fill v{Version} on start"));
        try
        {
            await session.SaveChangesAsync(ct);
            return municipalities;
        }
        catch (Marten.Exceptions.MartenCommandException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null; // another node sent them
        }
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
