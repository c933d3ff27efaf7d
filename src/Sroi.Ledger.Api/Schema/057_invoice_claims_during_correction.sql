-- Issue 17: an accepted report keeps counting, and so keeps its invoice, until a correction of it is accepted. The claims
-- table learns which claims belong to accepted reports and which accepted report awaits which correction
-- (Fulfilments/InvoiceClaims): a rejected or withdrawn correction gives the accepted report its claim back untouched.
ALTER TABLE fulfilment_invoices ADD COLUMN IF NOT EXISTS accepted boolean NOT NULL DEFAULT false;
-- The correction awaiting review that would replace this (accepted) claim's report ...
ALTER TABLE fulfilment_invoices ADD COLUMN IF NOT EXISTS corrected_by uuid;
-- ... and whether that correction claims this very invoice (then the row passes to it on acceptance).
ALTER TABLE fulfilment_invoices ADD COLUMN IF NOT EXISTS correction_shares boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS fulfilment_invoices_by_correction ON fulfilment_invoices (corrected_by) WHERE corrected_by IS NOT NULL;

-- Claims already there: those of accepted reports, as the contract documents hold them. (A rebuild writes every row again.)
UPDATE fulfilment_invoices i SET accepted = true
WHERE NOT i.accepted AND EXISTS (
    SELECT 1 FROM mt_doc_contract c, jsonb_array_elements(c.data -> 'state' -> 'fulfilments' -> 'inOrder') f
    WHERE f ->> 'id' = i.fulfilment_id::text AND lower(f ->> 'status') = 'accepted');
