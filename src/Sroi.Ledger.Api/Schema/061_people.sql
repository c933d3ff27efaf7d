-- Issue 19 (People/): the people directory. Maps the pseudonymous actor that events record (person:…) to a name and an
-- e-mail address for the histories. Personal data, so NOT part of the event log: a plain table the service fills from
-- the sign-in's claims and may erase (name and e-mail set to NULL, erased_at set); the events keep the actor id, so
-- erasing never touches an event, its hash or a signature. Granted to the service role like every table
-- (EventLog/service_role.sql).
CREATE TABLE IF NOT EXISTS people (
    actor        text        PRIMARY KEY CHECK (actor LIKE 'person:%'),
    display_name text,
    email        text,
    role         text        CHECK (role IN ('inkoop', 'wsp', 'opdrachtnemer', 'auditor', 'admin')),
    organisation text,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    erased_at    timestamptz,
    CHECK (erased_at IS NULL OR (display_name IS NULL AND email IS NULL))
);
CREATE INDEX IF NOT EXISTS people_last_seen ON people (last_seen DESC, actor);
