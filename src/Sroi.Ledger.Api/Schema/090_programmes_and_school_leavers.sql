-- Issue 22: programmes (trajecten) and school leavers, from the candidate streams (CandidateReportTables), bitemporal
-- as the tables of 040 are: business time in the rows (enrolled_on–ended_on, reached_on, valid_from–valid_until), the
-- recorded interval recorded_from–recorded_until ('infinity' while current) stamped with the events' own timestamps.
-- A change closes the current row and inserts the changed copy. Codes only: nothing here says who a candidate is.

-- One row per enrolment of a candidate on a programme (seq = the enrolment event's stream version); ended_on is null
-- while the candidate takes part.
CREATE TABLE IF NOT EXISTS programme_enrolments (
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    seq              bigint      NOT NULL,
    programme        text        NOT NULL,
    enrolled_on      date        NOT NULL,
    ended_on         date,
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT programme_enrolments_recorded CHECK (recorded_from < recorded_until),
    CONSTRAINT programme_enrolments_period CHECK (ended_on IS NULL OR ended_on >= enrolled_on),
    PRIMARY KEY (municipality, candidate_number, seq, recorded_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS programme_enrolments_current ON programme_enrolments (municipality, candidate_number, seq)
    WHERE recorded_until = 'infinity';
-- The programme report, today's and as known on an instant (index-only).
CREATE INDEX IF NOT EXISTS programme_enrolments_report ON programme_enrolments (municipality, programme, enrolled_on)
    INCLUDE (candidate_number, ended_on, recorded_from, recorded_until);

-- One row per outcome reached (seq = its event's version); never changed, so one version each.
CREATE TABLE IF NOT EXISTS programme_outcomes (
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    seq              bigint      NOT NULL,
    programme        text        NOT NULL,
    outcome          text        NOT NULL,
    reached_on       date        NOT NULL,
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT programme_outcomes_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (municipality, candidate_number, seq, recorded_from)
);
CREATE INDEX IF NOT EXISTS programme_outcomes_report ON programme_outcomes (municipality, programme, reached_on)
    INCLUDE (outcome, candidate_number, recorded_from, recorded_until);

-- A school leaver: the school type and the school year left in (one row per candidate, never changed).
CREATE TABLE IF NOT EXISTS school_leavers (
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    school_type      text        NOT NULL CHECK (school_type IN ('pro', 'vso')),
    school_year_left text        NOT NULL CHECK (school_year_left ~ '^[0-9]{4}-[0-9]{4}$'),
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT school_leavers_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (municipality, candidate_number, recorded_from)
);
CREATE INDEX IF NOT EXISTS school_leavers_report ON school_leavers (municipality, school_year_left)
    INCLUDE (candidate_number, recorded_from, recorded_until);

-- One row per day activity (seq = its event's version), valid from its date until the next one's (exclusive; null while
-- in force), as candidate_treden: the activity "on" a date is the row whose [valid_from, valid_until) holds it.
CREATE TABLE IF NOT EXISTS candidate_day_activities (
    municipality     text        NOT NULL,
    candidate_number text        NOT NULL,
    seq              bigint      NOT NULL,
    activity         text        NOT NULL CHECK (activity IN ('at-school', 'working', 'supported-without-benefit', 'supported-with-benefit',
                                                              'wmo-or-care', 'basic-qualification', 'wajong', 'under-investigation',
                                                              'early-school-leaver')),
    valid_from       date        NOT NULL,
    valid_until      date,
    recorded_from    timestamptz NOT NULL,
    recorded_until   timestamptz NOT NULL DEFAULT 'infinity',
    CONSTRAINT candidate_day_activities_recorded CHECK (recorded_from < recorded_until),
    PRIMARY KEY (municipality, candidate_number, seq, recorded_from)
);
CREATE UNIQUE INDEX IF NOT EXISTS candidate_day_activities_current ON candidate_day_activities (municipality, candidate_number, seq)
    WHERE recorded_until = 'infinity';
CREATE INDEX IF NOT EXISTS candidate_day_activities_on ON candidate_day_activities (municipality, candidate_number, valid_from)
    INCLUDE (activity, valid_until, recorded_from, recorded_until);
