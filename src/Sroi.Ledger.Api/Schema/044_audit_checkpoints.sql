-- Signed checkpoints (Auditing/Checkpoints): one municipality's chain heads and the global position, signed with a key kept
-- outside the database. The columns beside payload and signature only serve listing; verification reads the signed
-- payload alone. Like the events, a checkpoint is never changed or removed: the service's role may only INSERT
-- (EventLog/service_role.sql) and the triggers refuse UPDATE, DELETE and TRUNCATE to everyone else too.
CREATE TABLE IF NOT EXISTS sroi_checkpoints (
    id              uuid        PRIMARY KEY,
    municipality    varchar     NOT NULL,
    position        bigint      NOT NULL,
    created_at      timestamptz NOT NULL,
    stream_count    int         NOT NULL,
    key_fingerprint text        NOT NULL,
    payload         text        NOT NULL,
    signature       bytea       NOT NULL
);
CREATE INDEX IF NOT EXISTS sroi_checkpoints_newest ON sroi_checkpoints (municipality, created_at DESC, id DESC);

-- sroi_make_immutable is EventLog/event_chain.sql's, applied before the numbered scripts.
SELECT sroi_make_immutable('sroi_checkpoints');
