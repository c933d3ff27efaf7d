-- What the service's own database role may do, granted by the schema's owner after every schema apply (re-run on
-- every start, so tables added since are covered). The service reads and writes, but the database refuses it what
-- would rewrite history: no UPDATE, DELETE or TRUNCATE of events, their hashes, the signed commit heads or the signed checkpoints, no DELETE of a stream, and — as it
-- owns nothing — no ALTER, DROP or DISABLE TRIGGER. :service is replaced by the role's quoted name.
GRANT USAGE ON SCHEMA public TO :service;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO :service;
REVOKE UPDATE, DELETE, TRUNCATE ON mt_events, sroi_event_hashes FROM :service;
REVOKE DELETE, TRUNCATE ON mt_streams FROM :service;
-- Signed checkpoints are only ever added (Schema/044_audit_checkpoints.sql).
REVOKE UPDATE, DELETE, TRUNCATE ON sroi_checkpoints FROM :service;
-- Signed commit heads and the one-off baseline mark likewise (Schema/060_commit_signatures.sql).
REVOKE UPDATE, DELETE, TRUNCATE ON sroi_commit_signatures, sroi_signing_baseline FROM :service;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO :service;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO :service;
-- Wolverine's outbox, inbox and scheduled messages (Notifications/MessageStorage.cs): the service moves envelopes through them.
GRANT USAGE ON SCHEMA wolverine TO :service;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA wolverine TO :service;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA wolverine TO :service;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA wolverine TO :service;
