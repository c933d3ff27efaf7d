-- Fulfilment (issue 3): building-block tables, reports on contracts, the balance beside each contract.
-- Every statement is safe to run twice.

-- Read model of building-block table versions per municipality (from building-block-table.version-added.v1).
CREATE TABLE IF NOT EXISTS building_block_tables (
    municipality   text NOT NULL,
    version        int  NOT NULL,
    effective_from date NOT NULL,
    -- json, not jsonb: served byte for byte as written.
    document       json NOT NULL,
    PRIMARY KEY (municipality, version),
    UNIQUE (municipality, effective_from)
);

-- The balance of each contract, kept in its row by the same inline projection. Rows written before this
-- script have NULL here; the service re-folds those contracts from their streams when it starts.
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS starts_on      date;
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS accepted_cents bigint;
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS pending_cents  bigint;
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS rejected_cents bigint;
-- The status where it does not depend on the day (settled, not-applicable, fulfilled), else NULL ...
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS fixed_status   text;
-- ... and then the first day the contract is behind: the status on a day is sroi_balance_status below.
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS behind_from    date;
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS balance        json;

-- Mirrors BalanceStatuses.On in the domain (Balance/ContractBalance.cs); the API tests hold the two together.
CREATE OR REPLACE FUNCTION sroi_balance_status(p_fixed_status text, p_behind_from date, p_ends_on date, p_today date)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_fixed_status IS NOT NULL THEN p_fixed_status
        WHEN p_today > p_ends_on THEN 'overdue'
        WHEN p_today >= p_behind_from THEN 'behind'
        ELSE 'on-track'
    END
$$;

-- Read model of the reports on contracts: one row per report, replaced whole on every event that touches it.
CREATE TABLE IF NOT EXISTS fulfilments (
    id               uuid   PRIMARY KEY,
    contract_id      uuid   NOT NULL,
    kind             text   NOT NULL,
    status           text   NOT NULL,
    value_cents      bigint NOT NULL,
    candidate_number text,
    document         json   NOT NULL
);
-- Report ids are UUIDv7: in id order is in the order they were reported.
CREATE INDEX IF NOT EXISTS fulfilments_by_contract ON fulfilments (contract_id, id);

-- One supplier invoice counts once, across all contracts: the primary key decides, inside the append's
-- transaction, while the report that claims it still counts (pending or accepted).
CREATE TABLE IF NOT EXISTS fulfilment_invoices (
    supplier_kvk   text NOT NULL,
    invoice_number text NOT NULL,
    fulfilment_id  uuid NOT NULL,
    CONSTRAINT fulfilment_invoices_pkey PRIMARY KEY (supplier_kvk, invoice_number)
);
CREATE INDEX IF NOT EXISTS fulfilment_invoices_by_report ON fulfilment_invoices (fulfilment_id);
