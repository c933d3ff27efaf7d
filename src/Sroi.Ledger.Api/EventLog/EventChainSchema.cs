namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// What the ledger adds to Marten's event tables (<c>event_chain.sql</c>: the hash chain and the refusals of UPDATE, DELETE
/// and TRUNCATE), and how a start sees that it is in place (<see cref="Database.SchemaMigrations.ApplyUnlessInPlaceAsync"/>).
/// </summary>
public static class EventChainSchema
{
    public const string Script = "EventLog.event_chain.sql";

    /// <summary>
    /// Every trigger the script makes is there and enabled: the chain and three refusals on <c>mt_events</c>, three on
    /// <c>sroi_event_hashes</c>, two on <c>mt_streams</c>. Marten re-creating a table of its own would drop those on it.
    /// </summary>
    public const string InPlace = """
        SELECT count(*) = 9 FROM pg_trigger t
        WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgname LIKE 'sroi\_%'
          AND t.tgrelid IN (to_regclass('mt_events'), to_regclass('mt_streams'), to_regclass('sroi_event_hashes'))
        """;
}
