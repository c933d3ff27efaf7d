-- Read model of candidates (from the candidate-<municipality>-<number> streams): who has a benefit from when to
-- when, and the trede on the participatieladder through time. Pseudonymous numbers only.
CREATE TABLE IF NOT EXISTS candidates (
    municipality       text NOT NULL,
    candidate_number   text NOT NULL,
    registered_on      date NOT NULL,
    target_group       text NOT NULL,
    -- null: the candidate has no benefit.
    benefit_since      date,
    benefit_ended_on   date,
    benefit_end_reason text CHECK (benefit_end_reason IN ('work-income', 'other')),
    PRIMARY KEY (municipality, candidate_number)
);

-- One row per trede a candidate held: from registration or a change (seq = the event's stream version) until
-- the next change (valid_until, exclusive; null while in force). The trede "in force on" a date is the row whose
-- [valid_from, valid_until) holds it; two changes on one day leave an empty interval that holds no date.
CREATE TABLE IF NOT EXISTS candidate_treden (
    municipality     text   NOT NULL,
    candidate_number text   NOT NULL,
    seq              bigint NOT NULL,
    trede            int    NOT NULL CHECK (trede BETWEEN 1 AND 6),
    -- null for the trede given at registration; otherwise a change from this trede (doorstroom).
    from_trede       int    CHECK (from_trede BETWEEN 1 AND 6),
    valid_from       date   NOT NULL,
    valid_until      date,
    PRIMARY KEY (municipality, candidate_number, seq)
);
-- The trede flow of a year: the changes effective in it, index-only.
CREATE INDEX IF NOT EXISTS candidate_treden_changes ON candidate_treden (municipality, valid_from)
    INCLUDE (from_trede, trede) WHERE from_trede IS NOT NULL;
-- The benefits that ended in a year (trede flow).
CREATE INDEX IF NOT EXISTS candidates_benefit_ends ON candidates (municipality, benefit_ended_on) WHERE benefit_ended_on IS NOT NULL;
-- benefitEndedAfterPlacement joins placements to the candidates who left the benefit for work only.
CREATE INDEX IF NOT EXISTS candidates_work_income ON candidates (municipality, candidate_number)
    INCLUDE (benefit_ended_on) WHERE benefit_end_reason = 'work-income';
