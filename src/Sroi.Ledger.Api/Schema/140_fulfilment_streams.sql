-- Issue 23: each report of a contract is a document of its own (mt_doc_fulfilment, Fulfilments/Storing), kept inline by
-- this build's FulfilmentDocuments. A node of an earlier build (a rolling upgrade) appends to a contract without keeping
-- them. So the projection records here the version of the contract's stream its report documents are folded up to, in
-- the same transaction as the contract's own document: where this differs from the contract document's version, a node
-- that kept no report documents wrote in between, and the documents are not to be trusted until they are folded again
-- (the readers then read the contract's own document; the next write folds them from the events).
CREATE TABLE IF NOT EXISTS fulfilment_streams (
    tenant_id   varchar NOT NULL,
    contract_id varchar NOT NULL,
    version     bigint  NOT NULL,
    PRIMARY KEY (tenant_id, contract_id)
);
