-- Issue 22: the date a school leaver is counted from (SchoolLeaver.CountedFrom: the later of the registration and 1 August
-- of the school year it left in), kept on its row, so the school-leavers report reads school_leavers and the day activities
-- without joining the candidates (the join was half its time at 100,000 candidates, docs/benchmarks.md), and a candidate
-- registered years before the school year it left in is not counted before that year.
-- A registration date never changes (no event moves it), so the column is as bitemporal as the row: set once, with it.
ALTER TABLE school_leavers ADD COLUMN IF NOT EXISTS counted_from date;

UPDATE school_leavers s
SET counted_from = greatest(c.registered_on, make_date(left(s.school_year_left, 4)::int, 8, 1))
FROM (SELECT DISTINCT municipality, candidate_number, registered_on FROM candidates) c
WHERE c.municipality = s.municipality AND c.candidate_number = s.candidate_number AND s.counted_from IS NULL;

ALTER TABLE school_leavers ALTER COLUMN counted_from SET NOT NULL;

-- The report, today's and as known on an instant, index-only: a municipality's school leavers (of one school year).
DROP INDEX IF EXISTS school_leavers_report;
CREATE INDEX IF NOT EXISTS school_leavers_counted ON school_leavers (municipality, school_year_left)
    INCLUDE (candidate_number, counted_from, recorded_from, recorded_until);
