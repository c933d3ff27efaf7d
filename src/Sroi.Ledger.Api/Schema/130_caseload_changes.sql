-- Issue 22: today's caseload as a count kept per day of change. The caseload on a date counts the WSP's clients whose
-- status piece (candidate_status_spells, Schema/110) covers the date: a stab that neither end of a piece bounds, so on a
-- date in the middle of the history it read the 263,000 pieces of 411,000 that end after it, to count 63,700 (1.2× the
-- placements report's time at 100,000 candidates, docs/benchmarks.md). Here each current piece adds +1 on the day it
-- starts counting and -1 on the day it stops, per trede and with or without a benefit, summed per day: the caseload on
-- a date is the sum of the changes up to it, one range of a few thousand rows per municipality whatever its size.
--
-- Only what the ledger knows now (the current pieces, recorded_until = 'infinity'): a report as known on an earlier
-- instant still reads the pieces (CaseloadReportQuery). Kept by the same projection statement that retires and adds
-- status pieces (CandidateReportTables.Status.cs), in the append's transaction, as the difference the event made to the
-- candidate's current pieces; a rebuild wipes it with the other report tables and replays it. A day whose changes have
-- come to net zero keeps its row (with 0): harmless to the sum, and the row is there for the next change on that day.
CREATE TABLE IF NOT EXISTS caseload_changes (
    municipality text    NOT NULL,
    day          date    NOT NULL,
    trede        int     NOT NULL,
    with_benefit boolean NOT NULL,
    change       int     NOT NULL,
    -- The report reads one range of it (municipality, day <= asOf), index-only with the change included.
    PRIMARY KEY (municipality, day, trede, with_benefit) INCLUDE (change)
);

-- The rule in one place, for the projection and the back-fill: what one served piece adds to the kept count. The piece
-- counts on the days d with greatest(valid_from, registered_on) <= d < valid_until (the caseload counts a candidate from
-- its registration), with a benefit on the days benefit_since <= d < benefit_ended_on (no end: open), without one on the
-- other days; as CaseloadReportQuery's statement over the pieces decides per date. A change on 'infinity' is left out:
-- no date reaches it.
CREATE OR REPLACE FUNCTION caseload_changes_of(piece_from date, piece_until date, piece_trede int, piece_registered_on date,
                                               piece_benefit_since date, piece_benefit_ended_on date)
RETURNS TABLE (day date, trede int, with_benefit boolean, change int)
LANGUAGE sql IMMUTABLE AS $$
    WITH counted AS (
        SELECT greatest(piece_from, piece_registered_on) AS starts, piece_until AS ends
    ), benefit AS (
        SELECT greatest(c.starts, piece_benefit_since) AS starts, least(c.ends, coalesce(piece_benefit_ended_on, 'infinity'::date)) AS ends
        FROM counted c WHERE piece_benefit_since IS NOT NULL
    ), changes AS (
        SELECT x.day, x.with_benefit, x.change FROM counted c
        CROSS JOIN LATERAL (VALUES (c.starts, false, 1), (c.ends, false, -1)) x (day, with_benefit, change)
        WHERE c.starts < c.ends
        UNION ALL
        -- The days with a benefit move from the count without one to the count with one.
        SELECT x.day, x.with_benefit, x.change FROM benefit b
        CROSS JOIN LATERAL (VALUES (b.starts, false, -1), (b.starts, true, 1), (b.ends, true, -1), (b.ends, false, 1)) x (day, with_benefit, change)
        WHERE b.starts < b.ends
    )
    SELECT changes.day, piece_trede, changes.with_benefit, changes.change FROM changes WHERE changes.day < 'infinity'::date
$$;

-- Back-fill: the counts of the current served pieces a database from before this script holds, as the projection (or
-- a rebuild) would have kept them (bar rows of 0, which only a sequence of changes leaves).
INSERT INTO caseload_changes (municipality, day, trede, with_benefit, change)
SELECT s.municipality, x.day, x.trede, x.with_benefit, sum(x.change)
FROM candidate_status_spells s
CROSS JOIN LATERAL caseload_changes_of(s.valid_from, s.valid_until, s.trede, s.registered_on, s.benefit_since, s.benefit_ended_on) x
WHERE s.recorded_until = 'infinity' AND s.served
GROUP BY s.municipality, x.day, x.trede, x.with_benefit
HAVING sum(x.change) <> 0
ON CONFLICT DO NOTHING;
