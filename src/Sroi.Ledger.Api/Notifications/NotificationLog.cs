using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>The notifications table (Schema/050_notifications.sql): written in the transaction that raises them.</summary>
public static class NotificationLog
{
    /// <summary>
    /// The insert, queued on the session of the transaction that raises it. The advisory lock makes notifications commit in
    /// the order of their seq, so the feed's cursor never passes one that commits later. A time-driven one already raised
    /// (its once-key taken) is left out.
    /// </summary>
    public static QueuedStatement Insert(Notification n)
    {
        var insert = new NpgsqlBatchCommand("""
            WITH locked AS (SELECT pg_advisory_xact_lock(hashtext('sroi_notifications')))
            INSERT INTO sroi_notifications (id, tenant_id, type, occurred_at, contract_id, to_wsp, to_kvk, once_key, body)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM locked
            ON CONFLICT (tenant_id, contract_id, once_key) WHERE once_key IS NOT NULL DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Municipality.Value });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Type });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.OccurredAt });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)n.ContractId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.ToWsp });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)n.ToContractor?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)n.OnceKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Body() });
        return new QueuedStatement(insert);
    }
}
