-- Notifications (Notifications/): every signal the ledger raised, for the feed (GET /api/v1/notifications) and the
-- webhooks. An event-driven one is inserted in the transaction of the events that cause it; a time-driven one in the
-- transaction of the scheduled check that found it due. The body is stored as delivered, so every retry sends (and
-- signs) the same bytes. The feed pages by (txid, seq): txid is the inserting transaction's id, and the feed shows only
-- rows of transactions older than every transaction still running (pg_snapshot_xmin), so a row that commits late can
-- never fall behind a cursor that already passed it — without serialising the writers.
CREATE TABLE IF NOT EXISTS sroi_notifications (
    seq          bigserial   PRIMARY KEY,
    txid         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    id           uuid        NOT NULL UNIQUE,
    tenant_id    varchar     NOT NULL,
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    contract_id  uuid        NULL,
    to_wsp       boolean     NOT NULL,
    to_kvk       varchar     NULL,
    -- A time-driven signal's occurrence ("overdue", "report-due:2026-01-01"): raised once per contract.
    once_key     text        NULL,
    body         text        NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS sroi_notifications_once ON sroi_notifications (tenant_id, contract_id, once_key) WHERE once_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS sroi_notifications_feed ON sroi_notifications (txid, seq);
CREATE INDEX IF NOT EXISTS sroi_notifications_wsp ON sroi_notifications (tenant_id, txid, seq) WHERE to_wsp;
CREATE INDEX IF NOT EXISTS sroi_notifications_kvk ON sroi_notifications (tenant_id, to_kvk, txid, seq) WHERE to_kvk IS NOT NULL;

-- Who wants notifications posted to a URL: the WSP of a municipality (kvk_number NULL) or one contractor in it. The secret
-- signs every delivery (HMAC-SHA256), so it is kept as given out; only the service's role can read it. A removed
-- subscription stays, marked, so its deliveries can still be read.
CREATE TABLE IF NOT EXISTS sroi_webhook_subscriptions (
    id          uuid        PRIMARY KEY,
    tenant_id   varchar     NOT NULL,
    kvk_number  varchar     NULL,
    url         text        NOT NULL,
    types       text[]      NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    deleted_at  timestamptz NULL,
    deleted_by  text        NULL
);
CREATE INDEX IF NOT EXISTS sroi_webhook_subscriptions_audience ON sroi_webhook_subscriptions (tenant_id, kvk_number) WHERE deleted_at IS NULL;

-- One notification to one subscription, and where it stands; the primary key makes a repeated fan-out harmless.
CREATE TABLE IF NOT EXISTS sroi_webhook_deliveries (
    subscription_id uuid        NOT NULL REFERENCES sroi_webhook_subscriptions (id),
    notification_id uuid        NOT NULL REFERENCES sroi_notifications (id),
    created_at      timestamptz NOT NULL,
    state           text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NULL,
    delivered_at    timestamptz NULL,
    PRIMARY KEY (subscription_id, notification_id)
);

-- Every POST made, with what came back: the admin's view of a receiver that fails.
CREATE TABLE IF NOT EXISTS sroi_webhook_attempts (
    subscription_id uuid        NOT NULL,
    notification_id uuid        NOT NULL,
    attempt         int         NOT NULL,
    attempted_at    timestamptz NOT NULL,
    status_code     int         NULL,
    error           text        NULL,
    duration_ms     int         NOT NULL,
    PRIMARY KEY (subscription_id, notification_id, attempt),
    FOREIGN KEY (subscription_id, notification_id) REFERENCES sroi_webhook_deliveries (subscription_id, notification_id)
);

-- Set once, when the contracts recorded before notifications existed got their first deadline check (Notifications/
-- MonitoringArming.cs); its primary key lets only one starting instance do it.
CREATE TABLE IF NOT EXISTS sroi_monitoring_armed (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    armed_at   timestamptz NOT NULL,
    contracts  int         NOT NULL
);
