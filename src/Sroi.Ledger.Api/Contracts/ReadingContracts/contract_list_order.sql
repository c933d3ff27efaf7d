-- Issue 23: the contract list's default page (newest award first: ContractSortQuery.Default) read from an index in its
-- order, so a page costs its 20 rows and not the municipality. Without it PostgreSQL read every contract of the
-- municipality and kept the top 20 (at 10,000 contracts: 1,651 pages, 7.7 ms of PostgreSQL's CPU a page, docs/benchmarks.md).
-- tenant_id first (a municipality's list: equal, so ORDER BY's trailing tenant_id is satisfied), then the order's keys in
-- the column's own collation, as ORDER BY reference compares; id included so the page's keys come from the index alone
-- and only the page's 20 documents are read from the table. Applied after Marten's schema, again whenever a start does
-- not find it (ContractListOrderSchema.InPlace): Marten re-creating the table drops it. Marten is told to leave it be
-- (ContractStorage).
CREATE INDEX IF NOT EXISTS sroi_contract_list_awarded ON mt_doc_contract (tenant_id, awarded_on DESC, reference) INCLUDE (id);
