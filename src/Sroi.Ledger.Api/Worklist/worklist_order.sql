-- Issue 23: the worklist read in the order of its items, from indexes, so a municipality's page costs the page and not
-- the municipality (WorklistQuery's arms). Applied after Marten's schema and the contract columns' back-fill, again on a
-- start that does not find its triggers (WorklistOrderSchema.InPlace): Marten re-creating a table drops them.
--
-- 1. The settlement due date stored with the contract. It depends on the policy (the repair period of the version the
--    obligation names, else of the version in force on the award date, else the default three months:
--    SroiPolicyHistory.MonitoringTermsFor), which lives in another stream, so the contract's fold cannot compute it: the
--    column is Marten's (ContractDocument.SettlementDueFrom, written null) and this trigger fills it on every write of the
--    row, and the policy's trigger recomputes a municipality's contracts when its policy document changes.

CREATE OR REPLACE FUNCTION sroi_settlement_due_from(contract_tenant text, obligation_version text, awarded date, ends date)
RETURNS date LANGUAGE sql STABLE AS $$
    SELECT (ends + make_interval(months => COALESCE(
        (SELECT COALESCE((v -> 'monitoring' ->> 'repairPeriodMonths')::int, 3)
         FROM mt_doc_sroipolicydocument p CROSS JOIN LATERAL jsonb_array_elements(p.data -> 'history' -> 'versions') AS v
         WHERE p.tenant_id = contract_tenant AND (v ->> 'municipality') || '-v' || (v ->> 'version') = obligation_version
         LIMIT 1),
        (SELECT COALESCE((v -> 'monitoring' ->> 'repairPeriodMonths')::int, 3)
         FROM mt_doc_sroipolicydocument p CROSS JOIN LATERAL jsonb_array_elements(p.data -> 'history' -> 'versions') AS v
         WHERE p.tenant_id = contract_tenant AND (v ->> 'effectiveFrom')::date <= awarded
         ORDER BY (v ->> 'effectiveFrom')::date DESC LIMIT 1),
        3)))::date + 1
$$;

-- The lock's key per municipality: a policy write takes it exclusively, a contract's insert shared. Without it a contract
-- registered while a policy version is added could compute its date from the policy before the version and commit after
-- the policy's recomputation had looked at the contracts (a row it could not yet see). Updates of an existing row need
-- no lock: the recomputation waits for the row, and a write waiting for the recomputation's row lock reads the policy
-- anew once it may go on (READ COMMITTED: each statement of the trigger sees what has committed when it starts).
CREATE OR REPLACE FUNCTION sroi_policy_terms_lock(tenant text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT hashtextextended('sroi-policy-terms:' || tenant, 0)
$$;

CREATE OR REPLACE FUNCTION sroi_contract_settlement_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_advisory_xact_lock_shared(sroi_policy_terms_lock(NEW.tenant_id));
    END IF;
    NEW.settlement_due_from := sroi_settlement_due_from(NEW.tenant_id, NEW.obligation_policy_version, NEW.awarded_on, NEW.ends_on);
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS sroi_contract_settlement_due ON mt_doc_contract;
CREATE TRIGGER sroi_contract_settlement_due BEFORE INSERT OR UPDATE ON mt_doc_contract
    FOR EACH ROW EXECUTE FUNCTION sroi_contract_settlement_due();

-- A policy version added (or the policy folded again by a rebuild): the municipality's contracts whose date it moves are
-- written again, and the contract's trigger above computes the new date. Only those: most keep theirs.
CREATE OR REPLACE FUNCTION sroi_policy_settlement_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(sroi_policy_terms_lock(NEW.tenant_id));
    UPDATE mt_doc_contract c SET settlement_due_from = NULL
    WHERE c.tenant_id = NEW.tenant_id
      AND c.settlement_due_from IS DISTINCT FROM sroi_settlement_due_from(c.tenant_id, c.obligation_policy_version, c.awarded_on, c.ends_on);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS sroi_policy_settlement_due ON mt_doc_sroipolicydocument;
CREATE TRIGGER sroi_policy_settlement_due AFTER INSERT OR UPDATE ON mt_doc_sroipolicydocument
    FOR EACH ROW EXECUTE FUNCTION sroi_policy_settlement_due();

-- The rows stored before the column, or before this script: computed once (the trigger fires on the update).
UPDATE mt_doc_contract c SET settlement_due_from = NULL
WHERE c.settlement_due_from IS DISTINCT FROM sroi_settlement_due_from(c.tenant_id, c.obligation_policy_version, c.awarded_on, c.ends_on);

-- The first day a report awaiting review was made (ContractDocument.PendingSince), for rows written before that column.
UPDATE mt_doc_contract SET pending_since = (SELECT min((r ->> 'reportedOn')::date) FROM jsonb_array_elements(pending_reports) AS r)
WHERE pending_since IS NULL AND pending_reports IS NOT NULL AND pending_reports <> '[]'::jsonb;

-- 2. One index per kind of item, in the order of its date, for one municipality (tenant_id first), partial to the rows
--    that can be such items, each holding what its arm filters and orders on, so the arm and its bounded count read the
--    index alone (an index-only scan, bar pages not yet all-visible). Marten is told to leave them be (ContractStorage).
--    The reference in each is what ties are broken on (COLLATE "C", as the worklist orders).

-- Behind: running contracts (ends_on >= today) in the order of the first day behind.
CREATE INDEX IF NOT EXISTS sroi_worklist_behind ON mt_doc_contract (tenant_id, behind_from, reference COLLATE "C")
    INCLUDE (ends_on, id) WHERE fixed_status IS NULL AND behind_from IS NOT NULL;

-- Overdue: ended contracts (ends_on < today) in the order of their end, still within their repair period.
CREATE INDEX IF NOT EXISTS sroi_worklist_ended ON mt_doc_contract (tenant_id, ends_on, reference COLLATE "C")
    INCLUDE (settlement_due_from, id) WHERE fixed_status IS NULL;

-- Settlement due: in the order of the stored settlement due date.
CREATE INDEX IF NOT EXISTS sroi_worklist_settlement_due ON mt_doc_contract (tenant_id, settlement_due_from, reference COLLATE "C")
    INCLUDE (id) WHERE fixed_status IS NULL;

-- Reports awaiting review: the contracts in the order of their oldest such report (each of its reports is at least as late).
CREATE INDEX IF NOT EXISTS sroi_worklist_reports ON mt_doc_contract (tenant_id, pending_since, reference COLLATE "C")
    INCLUDE (id) WHERE pending_since IS NOT NULL;

-- Plan missing: in the order of the day it was due, while the term runs.
CREATE INDEX IF NOT EXISTS sroi_worklist_plan_missing ON mt_doc_contract (tenant_id, plan_missing_from, reference COLLATE "C")
    INCLUDE (ends_on, id) WHERE plan_missing_from IS NOT NULL;

-- Reports awaiting review of a contract whose document is written without its list (issue 23, stage 3: the operator's
-- switch; ContractDocument.PendingReports is then an empty array and PendingSince the fold's OldestPendingOn): the
-- worklist reads each such contract's reports in the order of their day and id from here, no further than its page, and
-- the contract's fold reads the next oldest when the oldest leaves review. On the report documents' table, an expression
-- index (not a duplicated column: that would change the table's upsert function, which a node of the previous release
-- calls), partial to the reports awaiting review (ReportsApartFold.PendingWhere). The day as ISO text sorts as the date.
CREATE INDEX IF NOT EXISTS sroi_fulfilment_pending ON mt_doc_fulfilment
    (tenant_id, contract_id, (data -> 'report' ->> 'reportedOn'), id) WHERE (data -> 'report' ->> 'status') = 'pending';
