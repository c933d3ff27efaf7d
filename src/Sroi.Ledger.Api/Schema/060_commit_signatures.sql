-- Signed commits (Auditing/CommitSignatures): every commit that appends events signs, in its own transaction, the new chain
-- head of each stream it appended to (municipality, stream, version, chain hash) with the checkpoint key, which lives outside
-- the database. Someone who can write every table but lacks the key cannot add, change or remove an event without leaving
-- an event no signed head covers, or a signed head that no longer matches its event. A separate table: Marten drops columns
-- it does not know from mt_events. Like the events and the checkpoints, a signature is only ever added.
CREATE TABLE IF NOT EXISTS sroi_commit_signatures (
    tenant_id       varchar     NOT NULL,
    stream_id       varchar     NOT NULL,
    version         bigint      NOT NULL,
    hash            bytea       NOT NULL,
    -- 'commit': signed by the commit that appended it; 'baseline': an event recorded before commits were signed, signed
    -- once by the first start after the upgrade (SigningBaseline).
    kind            text        NOT NULL,
    signed_at       timestamptz NOT NULL DEFAULT now(),
    key_fingerprint text        NOT NULL,
    signature       bytea       NOT NULL,
    PRIMARY KEY (tenant_id, stream_id, version)
);

-- Set once, when the heads recorded before commits were signed got their baseline signature; its primary key lets only one
-- starting instance do it.
CREATE TABLE IF NOT EXISTS sroi_signing_baseline (
    singleton   boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    signed_at   timestamptz NOT NULL,
    heads       int         NOT NULL
);

-- sroi_make_immutable is EventLog/event_chain.sql's, applied before the numbered scripts.
SELECT sroi_make_immutable('sroi_commit_signatures');
SELECT sroi_make_immutable('sroi_signing_baseline');

-- The audit signals (checkpoint.signed, checkpoint.refused) go to a municipality's auditors: their webhook subscriptions are
-- told apart from the WSP's (both have no KvK number), so neither key lists or changes the other's.
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS auditor boolean NOT NULL DEFAULT false;
