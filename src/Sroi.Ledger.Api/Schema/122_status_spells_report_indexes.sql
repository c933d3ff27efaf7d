-- Issue 22: the benefit stock and the caseload at 100,000 candidates read only their own pieces of
-- candidate_status_spells (Schema/110). On a date in the middle of the history neither end of a piece bounds the stab, so
-- PostgreSQL read the whole table (9,400 pages at 100,000 candidates, ~411,000 current pieces and 159,000 older versions)
-- for the 7,470 pieces the benefit stock counts: 1.31× the placements report's time (docs/benchmarks.md). Partial,
-- covering indexes over just the pieces each report can count, with just the columns it reads:
-- - the benefit stock counts Participatiewet candidates with a benefit (63,000 of the 411,000 pieces): 365 pages, 12 ms;
-- - the caseload counts the WSP's clients (most pieces), but from a narrow entry: 1,600 pages instead of 9,400.
-- Each today's (recorded_until = 'infinity') and as known on an instant (every version, with the recorded interval).
CREATE INDEX IF NOT EXISTS candidate_status_spells_stock ON candidate_status_spells (municipality, valid_until)
    INCLUDE (valid_from, trede, served, benefit_act, registered_on, benefit_since, benefit_ended_on)
    WHERE recorded_until = 'infinity' AND target_group = 'participatiewet' AND benefit_since IS NOT NULL;
CREATE INDEX IF NOT EXISTS candidate_status_spells_stock_known ON candidate_status_spells (municipality, valid_until)
    INCLUDE (valid_from, trede, served, benefit_act, registered_on, benefit_since, benefit_ended_on, recorded_from, recorded_until)
    WHERE target_group = 'participatiewet' AND benefit_since IS NOT NULL;
CREATE INDEX IF NOT EXISTS candidate_status_spells_caseload ON candidate_status_spells (municipality, valid_until)
    INCLUDE (valid_from, trede, registered_on, benefit_since, benefit_ended_on)
    WHERE recorded_until = 'infinity' AND served;
CREATE INDEX IF NOT EXISTS candidate_status_spells_caseload_known ON candidate_status_spells (municipality, valid_until)
    INCLUDE (valid_from, trede, registered_on, benefit_since, benefit_ended_on, recorded_from, recorded_until)
    WHERE served;
