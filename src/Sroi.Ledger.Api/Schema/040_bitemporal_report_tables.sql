-- The report tables become bitemporal (issue 10, "as known on"): besides the business time inside the rows
-- (candidate_treden's valid_from–until, a placement's started_on), every row carries the recorded time in which the
-- ledger held it: recorded_from = the timestamp (mt_events.timestamp) of the event that made the row, recorded_until =
-- the timestamp of the event that replaced it (a correction, an end, a withdrawal, a trede change closing the trede
-- before it), 'infinity' while it is current. A change closes the current row and inserts the changed copy; nothing is
-- updated in place, except a row made in the same append (its recorded interval would be empty: no instant sees it).
-- Today's reports read the current rows (recorded_until = 'infinity') through the partial indexes they read before;
-- a report as known on T reads the rows with recorded_from <= T < recorded_until through the *_known indexes.
--
-- Rows already there are stamped with their stream's last append (mt_streams.timestamp): today's figures stay exact,
-- figures as known on an earlier moment need the rebuild (POST /admin/projections/rebuild), which writes every row
-- again from the events with the events' own timestamps.

ALTER TABLE candidates ADD COLUMN IF NOT EXISTS recorded_from timestamptz;
ALTER TABLE candidates ADD COLUMN IF NOT EXISTS recorded_until timestamptz NOT NULL DEFAULT 'infinity';
ALTER TABLE candidate_treden ADD COLUMN IF NOT EXISTS recorded_from timestamptz;
ALTER TABLE candidate_treden ADD COLUMN IF NOT EXISTS recorded_until timestamptz NOT NULL DEFAULT 'infinity';
ALTER TABLE placements ADD COLUMN IF NOT EXISTS recorded_from timestamptz;
ALTER TABLE placements ADD COLUMN IF NOT EXISTS recorded_until timestamptz NOT NULL DEFAULT 'infinity';

UPDATE candidates c SET recorded_from = coalesce(
    (SELECT s.timestamp FROM mt_streams s WHERE s.tenant_id = c.municipality AND s.id = 'candidate-' || c.municipality || '-' || c.candidate_number),
    now())
WHERE recorded_from IS NULL;
UPDATE candidate_treden t SET recorded_from = coalesce(
    (SELECT s.timestamp FROM mt_streams s WHERE s.tenant_id = t.municipality AND s.id = 'candidate-' || t.municipality || '-' || t.candidate_number),
    now())
WHERE recorded_from IS NULL;
UPDATE placements p SET recorded_from = coalesce(
    (SELECT s.timestamp FROM mt_streams s WHERE s.tenant_id = p.municipality AND s.id = 'candidate-' || p.municipality || '-' || p.candidate_number),
    now())
WHERE recorded_from IS NULL;

ALTER TABLE candidates ALTER COLUMN recorded_from SET NOT NULL;
ALTER TABLE candidate_treden ALTER COLUMN recorded_from SET NOT NULL;
ALTER TABLE placements ALTER COLUMN recorded_from SET NOT NULL;
ALTER TABLE candidates DROP CONSTRAINT IF EXISTS candidates_recorded, ADD CONSTRAINT candidates_recorded CHECK (recorded_from < recorded_until);
ALTER TABLE candidate_treden DROP CONSTRAINT IF EXISTS candidate_treden_recorded, ADD CONSTRAINT candidate_treden_recorded CHECK (recorded_from < recorded_until);
ALTER TABLE placements DROP CONSTRAINT IF EXISTS placements_recorded, ADD CONSTRAINT placements_recorded CHECK (recorded_from < recorded_until);

-- A row's versions differ in recorded_from (one per append that changed it).
ALTER TABLE candidates DROP CONSTRAINT IF EXISTS candidates_pkey, ADD CONSTRAINT candidates_pkey PRIMARY KEY (municipality, candidate_number, recorded_from);
ALTER TABLE candidate_treden DROP CONSTRAINT IF EXISTS candidate_treden_pkey, ADD CONSTRAINT candidate_treden_pkey PRIMARY KEY (municipality, candidate_number, seq, recorded_from);
ALTER TABLE placements DROP CONSTRAINT IF EXISTS placements_pkey, ADD CONSTRAINT placements_pkey PRIMARY KEY (id, recorded_from);
-- At most one current version of each row; the projection finds the row it changes through these.
CREATE UNIQUE INDEX IF NOT EXISTS candidates_current ON candidates (municipality, candidate_number) WHERE recorded_until = 'infinity';
CREATE UNIQUE INDEX IF NOT EXISTS candidate_treden_current ON candidate_treden (municipality, candidate_number, seq) WHERE recorded_until = 'infinity';
CREATE UNIQUE INDEX IF NOT EXISTS placements_current ON placements (id) WHERE recorded_until = 'infinity';

-- Today's reports: the indexes of 020 and 021, over the current rows only (as small as before).
DROP INDEX IF EXISTS placements_counting;
CREATE INDEX placements_counting ON placements (municipality, counting_year)
    INCLUDE (kind, channel, full_time, employer_kvk, candidate_number, started_on, sroi_contract_id, sroi_contract_scope)
    WHERE NOT withdrawn AND recorded_until = 'infinity';
DROP INDEX IF EXISTS candidate_treden_changes;
CREATE INDEX candidate_treden_changes ON candidate_treden (municipality, valid_from)
    INCLUDE (from_trede, trede) WHERE from_trede IS NOT NULL AND recorded_until = 'infinity';
DROP INDEX IF EXISTS candidates_benefit_ends;
CREATE INDEX candidates_benefit_ends ON candidates (municipality, benefit_ended_on)
    WHERE benefit_ended_on IS NOT NULL AND recorded_until = 'infinity';
DROP INDEX IF EXISTS candidates_work_income;
CREATE INDEX candidates_work_income ON candidates (municipality, candidate_number)
    INCLUDE (benefit_ended_on) WHERE benefit_end_reason = 'work-income' AND recorded_until = 'infinity';

-- Reports as known on an instant: the same, over every version, the recorded interval included (still index-only).
CREATE INDEX IF NOT EXISTS placements_counting_known ON placements (municipality, counting_year)
    INCLUDE (kind, channel, full_time, employer_kvk, candidate_number, started_on, sroi_contract_id, sroi_contract_scope,
             recorded_from, recorded_until)
    WHERE NOT withdrawn;
CREATE INDEX IF NOT EXISTS candidate_treden_changes_known ON candidate_treden (municipality, valid_from)
    INCLUDE (from_trede, trede, recorded_from, recorded_until) WHERE from_trede IS NOT NULL;
CREATE INDEX IF NOT EXISTS candidates_benefit_ends_known ON candidates (municipality, benefit_ended_on)
    INCLUDE (recorded_from, recorded_until) WHERE benefit_ended_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS candidates_work_income_known ON candidates (municipality, candidate_number)
    INCLUDE (benefit_ended_on, recorded_from, recorded_until) WHERE benefit_end_reason = 'work-income';
