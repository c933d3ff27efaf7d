-- The benefit stock by duration and the WSP's caseload made flat (issue 22): a candidate's status on any date, precomputed
-- as intervals. Those reports read, per candidate, the trede, the WSP's service and the benefit act in force on a date:
-- three dated-fact tables (Schema/020, 085) joined to each candidate, three index probes per candidate (2.2× the
-- placements report's time, docs/benchmarks.md). Here a candidate's dates are cut where any of the three facts changes;
-- each piece (valid_from inclusive, valid_until exclusive, 'infinity' while open) holds the three facts in force on every
-- day of it, with the candidate row's columns the reports filter and group on, so a report reads one index range.
--
-- Bitemporal as the tables of 040: a piece depends on all four tables, so the projection (CandidateReportTables)
-- recomputes the candidate's pieces after every event that changes one of them and closes, at that event's recorded
-- time, only the rows that changed. A report as known on T reads the pieces computed from the rows as known on T: a
-- fact recorded later changes no answer as known before it.
CREATE TABLE IF NOT EXISTS candidate_status_spells (
    municipality       text        NOT NULL,
    candidate_number   text        NOT NULL,
    valid_from         date        NOT NULL,
    valid_until        date        NOT NULL,
    trede              int         NOT NULL,
    served             boolean     NOT NULL,
    benefit_act        text        NOT NULL,
    registered_on      date        NOT NULL,
    target_group       text        NOT NULL,
    benefit_since      date,
    benefit_ended_on   date,
    recorded_from      timestamptz NOT NULL,
    recorded_until     timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT candidate_status_spells_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (municipality, candidate_number, valid_from, recorded_from)
);
-- The projection's recompute reads and closes a candidate's current rows.
CREATE UNIQUE INDEX IF NOT EXISTS candidate_status_spells_current ON candidate_status_spells (municipality, candidate_number, valid_from)
    WHERE recorded_until = 'infinity';
-- The reports, today's and as known on an instant: the pieces that end after the date, covering (index-only), as
-- placements_counting(_known) (Schema/040). On a recent date that is about one piece per candidate.
CREATE INDEX IF NOT EXISTS candidate_status_spells_on ON candidate_status_spells (municipality, valid_until)
    INCLUDE (valid_from, trede, served, benefit_act, registered_on, target_group, benefit_since, benefit_ended_on)
    WHERE recorded_until = 'infinity';
CREATE INDEX IF NOT EXISTS candidate_status_spells_on_known ON candidate_status_spells (municipality, valid_until)
    INCLUDE (valid_from, trede, served, benefit_act, registered_on, target_group, benefit_since, benefit_ended_on, recorded_from, recorded_until);

-- The pieces of one candidate from its rows as the ledger held them at known_at: the rule in one place, for the
-- projection (known_at = the event's recorded time: the current rows) and the back-fill. The cut points are every
-- valid_from and valid_until of the three facts; a piece gets the rows of each fact that cover it, so on any date in
-- it the piece answers what the join of the three facts on that date answers (a piece no fact row of one of them
-- covers is left out, as the join leaves the candidate out). Each fact's changes follow one another (the decider
-- refuses a change dated before the one in force), so a piece has at most one row of each.
CREATE OR REPLACE FUNCTION candidate_status_spells_at(municipality_code text, candidate text, known_at timestamptz)
RETURNS TABLE (valid_from date, valid_until date, trede int, served boolean, benefit_act text, registered_on date, target_group text,
               benefit_since date, benefit_ended_on date)
LANGUAGE sql STABLE AS $$
    WITH t AS (
        SELECT f.trede, f.valid_from, coalesce(f.valid_until, 'infinity'::date) AS valid_until FROM candidate_treden f
        WHERE f.municipality = municipality_code AND f.candidate_number = candidate AND f.recorded_from <= known_at AND known_at < f.recorded_until
    ), w AS (
        SELECT f.served, f.valid_from, coalesce(f.valid_until, 'infinity'::date) AS valid_until FROM candidate_wsp_service f
        WHERE f.municipality = municipality_code AND f.candidate_number = candidate AND f.recorded_from <= known_at AND known_at < f.recorded_until
    ), a AS (
        SELECT f.benefit_act, f.valid_from, coalesce(f.valid_until, 'infinity'::date) AS valid_until FROM candidate_benefit_acts f
        WHERE f.municipality = municipality_code AND f.candidate_number = candidate AND f.recorded_from <= known_at AND known_at < f.recorded_until
    ), cuts AS (
        SELECT valid_from AS cut FROM t UNION SELECT valid_until FROM t
        UNION SELECT valid_from FROM w UNION SELECT valid_until FROM w
        UNION SELECT valid_from FROM a UNION SELECT valid_until FROM a
    ), pieces AS (
        SELECT cut AS valid_from, lead(cut) OVER (ORDER BY cut) AS valid_until FROM cuts
    )
    SELECT p.valid_from, p.valid_until, t.trede, w.served, a.benefit_act, c.registered_on, c.target_group, c.benefit_since, c.benefit_ended_on
    FROM pieces p
    JOIN t ON t.valid_from <= p.valid_from AND p.valid_until <= t.valid_until
    JOIN w ON w.valid_from <= p.valid_from AND p.valid_until <= w.valid_until
    JOIN a ON a.valid_from <= p.valid_from AND p.valid_until <= a.valid_until
    JOIN candidates c ON c.municipality = municipality_code AND c.candidate_number = candidate
         AND c.recorded_from <= known_at AND known_at < c.recorded_until
    WHERE p.valid_until IS NOT NULL
$$;

-- Back-fill: every version a database from before this script should have had, as the projection (or a rebuild) would
-- have written it. Between two successive recorded instants of a candidate's rows in the four tables its rows as known
-- do not change; the pieces of each such interval are computed, and consecutive intervals in which a piece is the same
-- are one version (the projection writes a new version only when a piece changes).
INSERT INTO candidate_status_spells (municipality, candidate_number, valid_from, valid_until, trede, served, benefit_act, registered_on,
                                     target_group, benefit_since, benefit_ended_on, recorded_from, recorded_until)
WITH rows AS (
    SELECT municipality, candidate_number, recorded_from, recorded_until FROM candidates
    UNION ALL SELECT municipality, candidate_number, recorded_from, recorded_until FROM candidate_treden
    UNION ALL SELECT municipality, candidate_number, recorded_from, recorded_until FROM candidate_wsp_service
    UNION ALL SELECT municipality, candidate_number, recorded_from, recorded_until FROM candidate_benefit_acts
), instants AS (
    SELECT municipality, candidate_number, recorded_from AS known_at FROM rows
    UNION
    SELECT municipality, candidate_number, recorded_until FROM rows WHERE recorded_until <> 'infinity'
), intervals AS (
    SELECT i.municipality, i.candidate_number, i.known_at,
           lead(i.known_at, 1, 'infinity') OVER (PARTITION BY i.municipality, i.candidate_number ORDER BY i.known_at) AS known_until
    FROM instants i
), pieces AS (
    SELECT v.municipality, v.candidate_number, v.known_at, v.known_until, s.*,
           lag(v.known_until) OVER w IS DISTINCT FROM v.known_at OR lag(s) OVER w IS DISTINCT FROM s AS changed
    FROM intervals v
    CROSS JOIN LATERAL candidate_status_spells_at(v.municipality, v.candidate_number, v.known_at) s
    WINDOW w AS (PARTITION BY v.municipality, v.candidate_number, s.valid_from ORDER BY v.known_at)
), versions AS (
    SELECT p.*, count(*) FILTER (WHERE p.changed) OVER (PARTITION BY p.municipality, p.candidate_number, p.valid_from ORDER BY p.known_at) AS version
    FROM pieces p
)
SELECT v.municipality, v.candidate_number, v.valid_from, min(v.valid_until), min(v.trede), bool_and(v.served), min(v.benefit_act),
       min(v.registered_on), min(v.target_group), min(v.benefit_since), min(v.benefit_ended_on), min(v.known_at), max(v.known_until)
FROM versions v
GROUP BY v.municipality, v.candidate_number, v.valid_from, v.version
ON CONFLICT DO NOTHING;
