-- Durable placements (issue 22, duurzame plaatsing): for each placement counted in a period, every placement of the
-- same candidate with its end (a next placement continues the work), read per candidate. Covering, so the report reads
-- the index only: today's rows, and every version for a report as known on an instant (as Schema/040's *_known).
CREATE INDEX IF NOT EXISTS placements_by_candidate ON placements (municipality, candidate_number)
    INCLUDE (id, started_on, ended_on) WHERE NOT withdrawn AND recorded_until = 'infinity';
CREATE INDEX IF NOT EXISTS placements_by_candidate_known ON placements (municipality, candidate_number)
    INCLUDE (id, started_on, ended_on, recorded_from, recorded_until) WHERE NOT withdrawn;
