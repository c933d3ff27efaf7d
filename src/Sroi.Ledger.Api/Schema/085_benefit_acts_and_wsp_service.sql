-- Issue 22, the benefit stock by duration and the WSP's caseload: two dated facts of a candidate, kept like
-- candidate_treden (Schema/020, 040): one row per fact from registration or a change (seq = the event's stream version)
-- until the next change (valid_until, exclusive; null while in force), bitemporal (recorded_from/until as in 040).
-- A registration (candidate.registered.v1) means Participatiewet and served by the WSP; a registration that says
-- otherwise appends candidate.benefit-act-set.v1 / candidate.wsp-service-set.v1 effective on the registration date.
CREATE TABLE IF NOT EXISTS candidate_benefit_acts (
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    seq              bigint      NOT NULL,
    -- Meaningful only while the candidate has a municipal benefit (target group participatiewet, benefit_since set).
    benefit_act      text        NOT NULL CHECK (benefit_act IN ('participatiewet', 'ioaw', 'ioaz')),
    valid_from       date        NOT NULL,
    valid_until      date,
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT candidate_benefit_acts_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (municipality, candidate_number, seq, recorded_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS candidate_benefit_acts_current ON candidate_benefit_acts (municipality, candidate_number, seq)
    WHERE recorded_until = 'infinity';

CREATE TABLE IF NOT EXISTS candidate_wsp_service (
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    seq              bigint      NOT NULL,
    served           boolean     NOT NULL,
    valid_from       date        NOT NULL,
    valid_until      date,
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT candidate_wsp_service_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (municipality, candidate_number, seq, recorded_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS candidate_wsp_service_current ON candidate_wsp_service (municipality, candidate_number, seq)
    WHERE recorded_until = 'infinity';

-- The reports join these to a candidate on a date: the rows of a candidate, with what the join reads (index-only).
CREATE INDEX IF NOT EXISTS candidate_benefit_acts_on ON candidate_benefit_acts (municipality, candidate_number)
    INCLUDE (benefit_act, valid_from, valid_until, recorded_from, recorded_until);
CREATE INDEX IF NOT EXISTS candidate_wsp_service_on ON candidate_wsp_service (municipality, candidate_number)
    INCLUDE (served, valid_from, valid_until, recorded_from, recorded_until);

-- Candidates registered before these facts existed: their registration's meaning, recorded when the registration was
-- (the first version of its trede row), as a rebuild writes it. Nothing else can have changed them yet.
INSERT INTO candidate_benefit_acts (municipality, candidate_number, seq, benefit_act, valid_from, recorded_from)
SELECT DISTINCT ON (t.municipality, t.candidate_number) t.municipality, t.candidate_number, t.seq, 'participatiewet', t.valid_from, t.recorded_from
FROM candidate_treden t
WHERE t.from_trede IS NULL
  AND NOT EXISTS (SELECT 1 FROM candidate_benefit_acts a WHERE a.municipality = t.municipality AND a.candidate_number = t.candidate_number)
ORDER BY t.municipality, t.candidate_number, t.recorded_from;
INSERT INTO candidate_wsp_service (municipality, candidate_number, seq, served, valid_from, recorded_from)
SELECT DISTINCT ON (t.municipality, t.candidate_number) t.municipality, t.candidate_number, t.seq, true, t.valid_from, t.recorded_from
FROM candidate_treden t
WHERE t.from_trede IS NULL
  AND NOT EXISTS (SELECT 1 FROM candidate_wsp_service w WHERE w.municipality = t.municipality AND w.candidate_number = t.candidate_number)
ORDER BY t.municipality, t.candidate_number, t.recorded_from;
