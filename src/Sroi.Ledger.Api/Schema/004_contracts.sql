-- Superseded by the contract's document (mt_doc_contract) and dropped by 024; kept because 005 alters this table.
-- Read model of contracts: filter columns plus the API document, replaced whole on every event of the stream.
CREATE TABLE IF NOT EXISTS contracts (
    id                 uuid    PRIMARY KEY,
    municipality       text    NOT NULL,
    reference          text    NOT NULL,
    contractor_kvk     text    NOT NULL,
    category           text    NOT NULL,
    status             text    NOT NULL,
    awarded_on         date    NOT NULL,
    ends_on            date    NOT NULL,
    obligation_applies boolean NOT NULL,
    obligation_cents   bigint  NOT NULL,
    version            bigint  NOT NULL,
    -- json, not jsonb: the document is served byte for byte as it was written (jsonb would reorder keys).
    document           json    NOT NULL,
    -- "reference (unique per municipality)": decided by the database inside the append's transaction.
    CONSTRAINT contracts_reference_per_municipality UNIQUE (municipality, reference)
);
CREATE INDEX IF NOT EXISTS contracts_by_contractor ON contracts (municipality, contractor_kvk);
CREATE INDEX IF NOT EXISTS contracts_by_award ON contracts (municipality, awarded_on DESC, reference);
