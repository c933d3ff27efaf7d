-- Read model of placements: one row per placement, moved to its corrected year by a correction and flagged
-- by a withdrawal. Everything a report counts is a column here; the contract's scope is copied at record time.
CREATE TABLE IF NOT EXISTS placements (
    id                 uuid    PRIMARY KEY,
    municipality       text    NOT NULL,
    candidate_number   text    NOT NULL,
    started_on         date    NOT NULL,
    -- The year the placement counts in: the year of its (corrected) start date.
    counting_year      int     NOT NULL,
    hours_per_week     numeric NOT NULL,
    full_time          boolean NOT NULL,
    kind               text    NOT NULL,
    channel            text    NOT NULL,
    -- null for a self-employed placement (no employer is recorded: it would identify the candidate).
    employer_kvk       text,
    sroi_contract_id   uuid,
    sroi_contract_scope text   CHECK (sroi_contract_scope IN ('local', 'regional')),
    ended_on           date,
    withdrawn          boolean NOT NULL DEFAULT false,
    CHECK ((channel = 'sroi') = (sroi_contract_id IS NOT NULL))
);
-- Every placement report reads one municipality's counting placements of a year (or a range of years), and only
-- the columns it counts: covering, so the reports are index-only scans (docs/benchmarks.md).
CREATE INDEX IF NOT EXISTS placements_counting ON placements (municipality, counting_year)
    INCLUDE (kind, channel, full_time, employer_kvk, candidate_number, started_on, sroi_contract_id, sroi_contract_scope)
    WHERE NOT withdrawn;
