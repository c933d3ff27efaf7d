-- API keys, stored as SHA-256 hashes of the secret. Access data, not ledger facts.
CREATE TABLE IF NOT EXISTS api_keys (
    id           uuid        PRIMARY KEY,
    key_hash     bytea       NOT NULL UNIQUE,
    role         text        NOT NULL CHECK (role IN ('inkoop', 'wsp', 'opdrachtnemer', 'auditor', 'admin')),
    municipality text        CHECK (municipality ~ '^GM[0-9]{4}$'),
    kvk_number   text        CHECK (kvk_number ~ '^[0-9]{8}$'),
    description  text,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    revoked_at   timestamptz,
    revoked_by   text,
    CHECK ((role = 'opdrachtnemer') = (kvk_number IS NOT NULL)),
    CHECK (role = 'admin' OR municipality IS NOT NULL)
);
