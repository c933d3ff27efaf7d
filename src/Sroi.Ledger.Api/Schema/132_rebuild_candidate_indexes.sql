-- Issue 23: a rebuild refolds a candidate by deleting every row of it, each version, from each report table
-- (CandidateReportTables.Remove), then replaying its events. Every other table is keyed by (municipality,
-- candidate_number, …); placements and placement_spells are keyed by the placement's id, and their indexes by candidate
-- are partial (today's rows, or those not withdrawn), so the delete of a candidate's rows read the whole table: a
-- rebuild cost grew with the square of the candidates (at 4,000 candidates those two deletes took 43% of PostgreSQL's
-- time, docs/benchmarks.md). An index of every version by candidate makes each one index range.
CREATE INDEX IF NOT EXISTS placements_of_candidate ON placements (municipality, candidate_number);
CREATE INDEX IF NOT EXISTS placement_spells_of_candidate_known ON placement_spells (municipality, candidate_number);
