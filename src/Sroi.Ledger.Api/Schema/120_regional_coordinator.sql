-- Issue 21: the regional coordinator (role regiocoordinator), bound to one or more shipped regions instead of a
-- municipality; it reads its regions' reports only. The role checks of 001 and 061 were unnamed: found by their
-- definition and replaced by named ones that admit the new role.
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS regions text[];
COMMENT ON COLUMN api_keys.regions IS 'a regiocoordinator key''s regions (shipped codes such as haaglanden); NULL for every other role';

DO $$
DECLARE
    old record;
BEGIN
    FOR old IN
        SELECT conrelid::regclass::text AS on_table, conname FROM pg_constraint
        WHERE conrelid IN ('api_keys'::regclass, 'people'::regclass) AND contype = 'c'
          AND pg_get_constraintdef(oid) LIKE '%''inkoop''%' AND conname NOT IN ('api_keys_role', 'people_role')
    LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', old.on_table, old.conname);
    END LOOP;
END $$;

ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role
    CHECK (role IN ('inkoop', 'wsp', 'opdrachtnemer', 'auditor', 'admin', 'regiocoordinator'));
ALTER TABLE people DROP CONSTRAINT IF EXISTS people_role;
ALTER TABLE people ADD CONSTRAINT people_role
    CHECK (role IN ('inkoop', 'wsp', 'opdrachtnemer', 'auditor', 'admin', 'regiocoordinator'));

-- A coordinator has regions and no municipality; no other role has regions.
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_municipality_per_role;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_municipality_per_role
    CHECK (role IN ('admin', 'opdrachtnemer', 'regiocoordinator') OR municipality IS NOT NULL);
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_regions_per_role;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_regions_per_role
    CHECK (CASE WHEN role = 'regiocoordinator' THEN municipality IS NULL AND cardinality(regions) > 0 ELSE regions IS NULL END);
