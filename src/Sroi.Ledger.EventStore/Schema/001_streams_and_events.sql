-- Streams and their events. Every statement is safe to run twice.

CREATE TABLE IF NOT EXISTS streams (
    stream_id   text        PRIMARY KEY,
    stream_type text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS events (
    global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    stream_id       text        NOT NULL REFERENCES streams (stream_id),
    stream_version  bigint      NOT NULL CHECK (stream_version > 0),
    event_type      text        NOT NULL,
    data            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    -- The writing transaction: a reader of the global log orders by (transaction_id, global_position)
    -- and stops below the oldest running transaction, so an event that commits late is never skipped.
    transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    -- SHA-256 over the previous event's hash in this stream and this event's canonical bytes.
    hash            bytea       NOT NULL,
    UNIQUE (stream_id, stream_version)
);

CREATE INDEX IF NOT EXISTS events_transaction_position ON events (transaction_id, global_position);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);

-- Events are immutable: the database itself refuses to change or remove one.
CREATE OR REPLACE FUNCTION sroi_events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % refused on events', TG_OP USING ERRCODE = 'SRI01';
END $$;

DROP TRIGGER IF EXISTS events_no_update_or_delete ON events;
CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION sroi_events_are_immutable();
DROP TRIGGER IF EXISTS events_no_truncate ON events;
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION sroi_events_are_immutable();
