namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// How far the feed (and the unread count) may read: a notification shows once its transaction id is below every
/// transaction of this database still running, so a cursor never passes one that commits late (docs/architecture.md,
/// "The feed").
/// </summary>
/// <remarks>
/// Transaction ids and snapshots are the whole server's: <c>pg_snapshot_xmin(pg_current_snapshot())</c> waits for every
/// transaction of every database on it. One left open in another database — an application sharing the server, a
/// migration, a test's transaction held on purpose, an idle session in a transaction — held back every notification of
/// the ledger for as long as it ran, though none of its rows can ever be a notification (the inbox's test saw a WSP's new
/// notification not arrive in 100 s). So the horizon is the oldest id the query's own snapshot still sees running, leaving
/// out those <c>pg_stat_activity</c> shows in another database (its <c>backend_xid</c> is shown to every role), else the
/// snapshot's xmax (every id from there on is running or not yet begun). An id that finished between the snapshot and the
/// look at <c>pg_stat_activity</c> is not found there and so still holds the horizon back: late, never early.
/// </remarks>
public static class FeedHorizon
{
    /// <summary>A condition on <c>n.txid</c> of <c>sroi_notifications n</c>.</summary>
    public const string Condition = """
        n.txid < (SELECT coalesce(min(running), pg_snapshot_xmax(pg_current_snapshot()))
                  FROM pg_snapshot_xip(pg_current_snapshot()) AS running
                  WHERE running::xid NOT IN (SELECT a.backend_xid FROM pg_stat_activity a
                                             WHERE a.backend_xid IS NOT NULL AND a.datname IS DISTINCT FROM current_database()))
        """;
}
