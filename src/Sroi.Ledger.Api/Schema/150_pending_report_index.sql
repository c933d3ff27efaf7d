-- Issue 23, stage 3: the report documents awaiting review get an index of their own (sroi_fulfilment_pending on
-- mt_doc_fulfilment, made by Worklist/worklist_order.sql after Marten's tables), which the worklist and the contract's fold
-- read for a contract whose document is written without its list. Nothing to do here: this number tells a node of an
-- earlier build that the schema is a newer build's (Database/NewerSchema), so that its start leaves that index alone
-- instead of dropping it as an index of Marten's table its configuration does not name.
SELECT 1;
