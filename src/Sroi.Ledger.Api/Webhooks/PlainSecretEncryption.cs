using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// On start, encrypts the secrets the first release stored in plain text (and any a restored backup brings back). Each row
/// is updated only if it still holds the plain value read, so two instances starting together, or a rotation at the same
/// moment, cannot overwrite each other. Until it has run, a plain value is still read as it is (<see cref="WebhookSecrets"/>).
/// It runs once the host has started (Kestrel listening), not before: nothing waits for it, and a query before Kestrel
/// listens delayed every start's first answer (issue 23).
/// </summary>
public sealed class PlainSecretEncryption(NpgsqlDataSource db, WebhookSecrets secrets, ILogger<PlainSecretEncryption> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken ct)
    {
        try
        {
            if (await EncryptAsync(db, secrets, ct) is > 0 and var count)
                logger.LogInformation("Encrypted {Count} webhook subscription secrets stored in plain text", count);
        }
        catch (Exception e) when (DatabaseFailure.IsUnavailable(e))
        {
            logger.LogWarning(e, "Webhook secrets stored in plain text were not encrypted now (the database is unavailable); the next start does it");
        }
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Encrypts every plain-text secret (current or previous); returns the rows changed.</summary>
    public static async Task<int> EncryptAsync(NpgsqlDataSource db, WebhookSecrets secrets, CancellationToken ct)
    {
        var plain = new List<(Guid Id, string Secret, string? Previous)>();
        await using (var query = db.CreateCommand($"""
            SELECT id, secret, previous_secret FROM sroi_webhook_subscriptions
            WHERE secret NOT LIKE '{WebhookSecrets.Marker}%' OR previous_secret NOT LIKE '{WebhookSecrets.Marker}%'
            """))
        await using (var reader = await query.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                plain.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));

        var changed = 0;
        foreach (var (id, secret, previous) in plain)
        {
            await using var update = db.CreateCommand("""
                UPDATE sroi_webhook_subscriptions SET secret = $2, previous_secret = $3
                WHERE id = $1 AND secret = $4 AND previous_secret IS NOT DISTINCT FROM $5
                """);
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            update.Parameters.Add(new NpgsqlParameter { Value = Encrypted(secret) });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)(previous is null ? null : Encrypted(previous)) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = secret });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)previous ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            changed += await update.ExecuteNonQueryAsync(ct);

            string Encrypted(string value) => WebhookSecrets.IsProtected(value) ? value : secrets.Protect(id, value);
        }
        return changed;
    }
}
