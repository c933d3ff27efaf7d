-- The first response to each (caller, Idempotency-Key), stored in the same transaction as the events it
-- produced. The primary key decides a race: the loser's whole transaction fails and it returns this row.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status_code  int         NOT NULL,
    location     text,
    etag         text,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (caller, key)
);
