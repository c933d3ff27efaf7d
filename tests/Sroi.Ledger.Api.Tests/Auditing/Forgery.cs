namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// What a database administrator without the service's key can do to a stream, as SQL run by the schema's owner (a
/// superuser on the test cluster) with the refusing triggers switched off where they would stop it. The chain trigger stays
/// on: it computes a valid hash for whatever is inserted.
/// </summary>
public static class Forgery
{
    /// <summary>A copy of the stream's event at <paramref name="version"/> appended at the next version (a new id, the next sequence number), the stream row moved on.</summary>
    public static string CopyAtNextVersion(string stream, long version) => $$"""
        CREATE TEMP TABLE forged AS SELECT * FROM mt_events WHERE stream_id = '{{stream}}' AND version = {{version}};
        UPDATE forged SET seq_id = nextval(coalesce(pg_get_serial_sequence('mt_events', 'seq_id'), 'mt_events_sequence')::regclass),
            id = gen_random_uuid(), version = (SELECT max(version) + 1 FROM mt_events WHERE stream_id = '{{stream}}');
        INSERT INTO mt_events SELECT * FROM forged;
        UPDATE mt_streams SET version = (SELECT max(version) FROM mt_events WHERE stream_id = '{{stream}}') WHERE id = '{{stream}}';
        DROP TABLE forged;
        """;

    /// <summary>A whole new stream: a copy of the stream's first event under another name, with a stream row.</summary>
    public static string NewStreamFrom(string stream, string forged) => $$"""
        CREATE TEMP TABLE forged_stream AS SELECT * FROM mt_streams WHERE id = '{{stream}}';
        UPDATE forged_stream SET id = '{{forged}}', version = 1;
        INSERT INTO mt_streams SELECT * FROM forged_stream;
        CREATE TEMP TABLE forged AS SELECT * FROM mt_events WHERE stream_id = '{{stream}}' AND version = 1;
        UPDATE forged SET seq_id = nextval(coalesce(pg_get_serial_sequence('mt_events', 'seq_id'), 'mt_events_sequence')::regclass),
            id = gen_random_uuid(), stream_id = '{{forged}}';
        INSERT INTO mt_events SELECT * FROM forged;
        DROP TABLE forged; DROP TABLE forged_stream;
        """;

    /// <summary>The event's payload edited, and the chain from it recomputed with the schema's own function, so the chain holds.</summary>
    public static string EditAndRechain(string stream, long version, string jsonPath, string jsonValue) => $$"""
        ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
        UPDATE mt_events SET data = jsonb_set(data, '{{jsonPath}}', '{{jsonValue}}') WHERE stream_id = '{{stream}}' AND version = {{version}};
        ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
        ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_update;
        DO $$
        DECLARE r record; v_previous bytea;
        BEGIN
            FOR r IN SELECT * FROM mt_events WHERE stream_id = '{{stream}}' AND version >= {{version}} ORDER BY version LOOP
                SELECT coalesce((SELECT hash FROM sroi_event_hashes WHERE stream_id = r.stream_id AND tenant_id = r.tenant_id AND version = r.version - 1), ''::bytea) INTO v_previous;
                UPDATE sroi_event_hashes SET hash = sha256(v_previous || sroi_event_canonical_bytes(r.tenant_id, r.stream_id, r.version, r.id, r.type,
                    r.data, r.user_name, r.correlation_id, r.causation_id, r.headers, r.timestamp))
                WHERE stream_id = r.stream_id AND tenant_id = r.tenant_id AND version = r.version;
            END LOOP;
        END $$;
        ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_update;
        """;

    /// <summary>The stream's events from <paramref name="fromVersion"/> on deleted, the stream row set back; with <paramref name="tracesToo"/> their chain hashes and signed heads as well.</summary>
    public static string DeleteFrom(string stream, long fromVersion, bool tracesToo)
    {
        var events = $$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_delete;
            DELETE FROM mt_events WHERE stream_id = '{{stream}}' AND version >= {{fromVersion}};
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_delete;
            UPDATE mt_streams SET version = {{fromVersion - 1}} WHERE id = '{{stream}}';
            """;
        var traces = $$"""
            ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_delete;
            DELETE FROM sroi_event_hashes WHERE stream_id = '{{stream}}' AND version >= {{fromVersion}};
            ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_delete;
            ALTER TABLE sroi_commit_signatures DISABLE TRIGGER sroi_no_delete;
            DELETE FROM sroi_commit_signatures WHERE stream_id = '{{stream}}' AND version >= {{fromVersion}};
            ALTER TABLE sroi_commit_signatures ENABLE TRIGGER sroi_no_delete;
            """;
        return tracesToo ? events + "\n" + traces : events;
    }

    /// <summary>Every checkpoint row of the municipality deleted.</summary>
    public static string DeleteCheckpoints(string municipality) => $"""
        ALTER TABLE sroi_checkpoints DISABLE TRIGGER sroi_no_delete;
        DELETE FROM sroi_checkpoints WHERE municipality = '{municipality}';
        ALTER TABLE sroi_checkpoints ENABLE TRIGGER sroi_no_delete;
        """;
}
