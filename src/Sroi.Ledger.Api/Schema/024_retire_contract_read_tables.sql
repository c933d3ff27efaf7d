-- A contract stream is folded once, into Marten's document of the stream (Contracts/ContractDocument.cs, table
-- mt_doc_contract): its reports, its balance and the list's filter columns are in it. The hand-written read rows of the
-- first release go, with the SQL twin of the balance status (the list writes BalanceStatuses.On as a predicate).
-- fulfilment_invoices stays: the invoice claims across contracts (Fulfilments/InvoiceClaims.cs).
DROP TABLE IF EXISTS contracts;
DROP TABLE IF EXISTS fulfilments;
DROP FUNCTION IF EXISTS sroi_balance_status(text, date, date, date);
