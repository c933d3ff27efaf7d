-- Durable placements made flat (issue 22): each placement's spell of work, precomputed. A candidate's placements in
-- start order form spells (a placement starting on or before the day after the latest end so far continues the
-- spell; an open one never ends); worked_until is the spell's last day ('infinity' while it is open), which is the
-- domain's DurablePlacements.WorkedUntil. The report then reads one index range, as the placements report does,
-- instead of every placement of each counted candidate (docs/benchmarks.md).
--
-- Bitemporal as the tables of 040: a spell end depends on the candidate's other placements, so the projection
-- (CandidateReportTables) recomputes the candidate's spells after every placement event and closes, at that event's
-- recorded time, only the rows whose spell changed. A report as known on T reads the spells computed from the
-- placements as known on T: a correction or withdrawal recorded later changes no answer as known before it.
CREATE TABLE IF NOT EXISTS placement_spells (
    id               uuid        NOT NULL,
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    started_on       date        NOT NULL,
    counting_year    int         NOT NULL,
    worked_until     date        NOT NULL,
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT placement_spells_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (id, recorded_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS placement_spells_current ON placement_spells (id) WHERE recorded_until = 'infinity';
-- The projection's recompute reads and closes a candidate's current rows.
CREATE INDEX IF NOT EXISTS placement_spells_of_candidate ON placement_spells (municipality, candidate_number)
    WHERE recorded_until = 'infinity';
-- The report, today's and as known on an instant: covering, as placements_counting(_known) (Schema/040).
CREATE INDEX IF NOT EXISTS placement_spells_counting ON placement_spells (municipality, counting_year)
    INCLUDE (started_on, worked_until, candidate_number) WHERE recorded_until = 'infinity';
CREATE INDEX IF NOT EXISTS placement_spells_counting_known ON placement_spells (municipality, counting_year)
    INCLUDE (started_on, worked_until, candidate_number, recorded_from, recorded_until);

-- The spells of one candidate from its placements as the ledger held them at known_at (withdrawn ones left out): the
-- rule in one place, for the projection (known_at = the event's recorded time: the current rows) and the back-fill.
CREATE OR REPLACE FUNCTION placement_spells_at(municipality_code text, candidate text, known_at timestamptz)
RETURNS TABLE (id uuid, started_on date, counting_year int, worked_until date)
LANGUAGE sql STABLE AS $$
    WITH work AS (
        SELECT p.id, p.started_on, p.counting_year, coalesce(p.ended_on, 'infinity'::date) AS ended_on,
               max(coalesce(p.ended_on, 'infinity'::date)) OVER (ORDER BY p.started_on, p.id
                                                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS worked_before
        FROM placements p
        WHERE p.municipality = municipality_code AND p.candidate_number = candidate AND NOT p.withdrawn
          AND p.recorded_from <= known_at AND known_at < p.recorded_until
    ), spells AS (
        SELECT w.*, count(*) FILTER (WHERE w.worked_before IS NULL OR w.started_on - 1 > w.worked_before)
                    OVER (ORDER BY w.started_on, w.id ROWS UNBOUNDED PRECEDING) AS spell
        FROM work w
    )
    SELECT s.id, s.started_on, s.counting_year, max(s.ended_on) OVER (PARTITION BY s.spell) FROM spells s
$$;

-- Back-fill: every version a database from before this script should have had, as the projection (or a rebuild) would
-- have written it. Between two successive recorded instants of a candidate's placement rows its placements as known
-- do not change; the spells of each such interval are computed, and consecutive intervals in which a placement's
-- spell row is the same are one version (the projection writes a new version only when the row changes).
INSERT INTO placement_spells (id, municipality, candidate_number, started_on, counting_year, worked_until, recorded_from, recorded_until)
WITH instants AS (
    SELECT municipality, candidate_number, recorded_from AS known_at FROM placements
    UNION
    SELECT municipality, candidate_number, recorded_until FROM placements WHERE recorded_until <> 'infinity'
), intervals AS (
    SELECT i.municipality, i.candidate_number, i.known_at,
           lead(i.known_at, 1, 'infinity') OVER (PARTITION BY i.municipality, i.candidate_number ORDER BY i.known_at) AS known_until
    FROM instants i
), spells AS (
    SELECT v.municipality, v.candidate_number, v.known_at, v.known_until, s.id, s.started_on, s.counting_year, s.worked_until,
           lag(v.known_until) OVER w IS DISTINCT FROM v.known_at
           OR lag((s.started_on, s.counting_year, s.worked_until)) OVER w IS DISTINCT FROM (s.started_on, s.counting_year, s.worked_until) AS changed
    FROM intervals v
    CROSS JOIN LATERAL placement_spells_at(v.municipality, v.candidate_number, v.known_at) s
    WINDOW w AS (PARTITION BY s.id ORDER BY v.known_at)
), versions AS (
    SELECT s.*, count(*) FILTER (WHERE s.changed) OVER (PARTITION BY s.id ORDER BY s.known_at) AS version
    FROM spells s
)
SELECT v.id, min(v.municipality), min(v.candidate_number), min(v.started_on), min(v.counting_year), min(v.worked_until),
       min(v.known_at), max(v.known_until)
FROM versions v
GROUP BY v.id, v.version
ON CONFLICT DO NOTHING;
