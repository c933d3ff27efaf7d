-- Issue 19: a contractor as an organisation (a KvK number, no municipality) reads and reports on its own contracts in every
-- municipality.

-- A contractor's key may be issued without a municipality; every other role but admin still needs one. The old check was
-- unnamed (001): found by its definition and replaced by a named one.
DO $$
DECLARE
    old_check text;
BEGIN
    FOR old_check IN
        SELECT conname FROM pg_constraint
        WHERE conrelid = 'api_keys'::regclass AND contype = 'c'
          AND pg_get_constraintdef(oid) LIKE '%municipality IS NOT NULL%' AND conname <> 'api_keys_municipality_per_role'
    LOOP
        EXECUTE format('ALTER TABLE api_keys DROP CONSTRAINT %I', old_check);
    END LOOP;
END $$;
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_municipality_per_role;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_municipality_per_role
    CHECK (role IN ('admin', 'opdrachtnemer') OR municipality IS NOT NULL);

-- Such a contractor subscribes once for its notifications in every municipality: that subscription has no tenant_id (only
-- ever with a kvk_number; the service checks it).
ALTER TABLE sroi_webhook_subscriptions ALTER COLUMN tenant_id DROP NOT NULL;
COMMENT ON COLUMN sroi_webhook_subscriptions.tenant_id IS 'the municipality; NULL only for a contractor''s subscription in every municipality (kvk_number set)';
