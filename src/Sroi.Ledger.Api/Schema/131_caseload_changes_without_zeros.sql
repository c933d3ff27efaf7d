-- Issue 23: today's caseload count (Schema/130) keeps no row of 0. A day whose changes came to net zero kept its row, so
-- the rows depended on how the events had been cut into appends and batches: a rebuild, which takes a candidate's share
-- off and adds it back, left rows of 0 that a fresh fold did not have. Now each statement that changes the count deletes
-- the municipality's rows of 0 after it (CandidateReportTables.ZeroCaseloadRows), so the table holds exactly the non-zero
-- sums of the current served pieces, as the back-fill of 130 made them. The partial index finds those rows without
-- reading the municipality's range: it holds only the rows of 0, none between two statements.
DELETE FROM caseload_changes WHERE change = 0;
CREATE INDEX IF NOT EXISTS caseload_changes_zero ON caseload_changes (municipality) WHERE change = 0;
