-- What the ledger adds to Marten's event tables, applied after Marten's own schema on a start that does not find it
-- in place (EventChainSchema; every statement is safe to run again, and the whole script runs in one transaction).
--
-- 1. The hash chain. Each event's hash = SHA-256(previous hash in its stream ‖ its canonical bytes), written by an
--    AFTER INSERT trigger in the append's own transaction into a table of its own: Marten's schema management
--    drops columns it does not know from mt_events, but leaves another table alone. AFTER, not BEFORE: a writer
--    that lost a race fails on mt_events' own key (Marten's concurrency error) before its trigger runs.
-- 2. Immutability. UPDATE, DELETE and TRUNCATE of events and their hashes are refused by the database itself.

-- Another node may be appending while this one starts (several nodes, a rolling upgrade): re-creating the triggers
-- below takes the event tables' locks in another order than an append, so PostgreSQL may pick this script as a
-- deadlock's victim; SchemaMigrations.ApplyUnlessInPlaceAsync then tries it again (and bounds each try's lock wait).

CREATE TABLE IF NOT EXISTS sroi_event_hashes (
    tenant_id varchar NOT NULL,
    stream_id varchar NOT NULL,
    version   bigint  NOT NULL,
    seq_id    bigint  NOT NULL UNIQUE,
    hash      bytea   NOT NULL,
    PRIMARY KEY (tenant_id, stream_id, version)
);

-- The bytes an event's hash covers; EventChainVerifier recomputes them in C#. Fields joined by a line feed,
-- absent metadata as the empty string, jsonb in PostgreSQL's normalised text, the time in microseconds since 1970.
CREATE OR REPLACE FUNCTION sroi_event_canonical_bytes(
    p_tenant_id varchar, p_stream_id varchar, p_version bigint, p_id uuid, p_type varchar, p_data jsonb,
    p_user_name varchar, p_correlation_id varchar, p_causation_id varchar, p_headers jsonb, p_timestamp timestamptz)
RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT convert_to(
        p_tenant_id || E'\n' || p_stream_id || E'\n' || p_version::text || E'\n' || p_id::text || E'\n' ||
        p_type || E'\n' || p_data::text || E'\n' || coalesce(p_user_name, '') || E'\n' ||
        coalesce(p_correlation_id, '') || E'\n' || coalesce(p_causation_id, '') || E'\n' ||
        coalesce(p_headers::text, '') || E'\n' || (extract(epoch FROM p_timestamp) * 1000000)::bigint::text,
        'UTF8')
$$;

CREATE OR REPLACE FUNCTION sroi_chain_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_previous bytea := ''::bytea;
BEGIN
    -- Marten's placeholders for sequence numbers of failed appends belong to no stream.
    IF NEW.stream_id = 'mt_tombstone' THEN
        RETURN NULL;
    END IF;
    IF NEW.version > 1 THEN
        SELECT h.hash INTO v_previous FROM sroi_event_hashes h
        WHERE h.tenant_id = NEW.tenant_id AND h.stream_id = NEW.stream_id AND h.version = NEW.version - 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'event % of stream % (%) has no predecessor in the hash chain', NEW.version, NEW.stream_id, NEW.tenant_id
                USING ERRCODE = 'SRI02';
        END IF;
    END IF;
    INSERT INTO sroi_event_hashes (tenant_id, stream_id, version, seq_id, hash)
    VALUES (NEW.tenant_id, NEW.stream_id, NEW.version, NEW.seq_id, sha256(v_previous || sroi_event_canonical_bytes(
        NEW.tenant_id, NEW.stream_id, NEW.version, NEW.id, NEW.type, NEW.data,
        NEW.user_name, NEW.correlation_id, NEW.causation_id, NEW.headers, NEW.timestamp)));
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS sroi_chain ON mt_events;
CREATE TRIGGER sroi_chain AFTER INSERT ON mt_events FOR EACH ROW EXECUTE FUNCTION sroi_chain_event();

CREATE OR REPLACE FUNCTION sroi_events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % refused on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'SRI01';
END $$;

-- The refusal of UPDATE, DELETE and TRUNCATE on one table (the events, their hashes, the signed checkpoints of
-- Schema/044), as the triggers sroi_no_update, sroi_no_delete and sroi_no_truncate.
CREATE OR REPLACE FUNCTION sroi_make_immutable(p_table regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TRIGGER IF EXISTS sroi_no_update ON %s', p_table);
    EXECUTE format('CREATE TRIGGER sroi_no_update BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION sroi_events_are_immutable()', p_table);
    EXECUTE format('DROP TRIGGER IF EXISTS sroi_no_delete ON %s', p_table);
    EXECUTE format('CREATE TRIGGER sroi_no_delete BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION sroi_events_are_immutable()', p_table);
    EXECUTE format('DROP TRIGGER IF EXISTS sroi_no_truncate ON %s', p_table);
    EXECUTE format('CREATE TRIGGER sroi_no_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION sroi_events_are_immutable()', p_table);
END $$;

SELECT sroi_make_immutable('mt_events');
SELECT sroi_make_immutable('sroi_event_hashes');

-- A stream's row may move on (Marten raises its version), never vanish.
DROP TRIGGER IF EXISTS sroi_no_delete ON mt_streams;
CREATE TRIGGER sroi_no_delete BEFORE DELETE ON mt_streams FOR EACH ROW EXECUTE FUNCTION sroi_events_are_immutable();
DROP TRIGGER IF EXISTS sroi_no_truncate ON mt_streams;
CREATE TRIGGER sroi_no_truncate BEFORE TRUNCATE ON mt_streams FOR EACH STATEMENT EXECUTE FUNCTION sroi_events_are_immutable();
