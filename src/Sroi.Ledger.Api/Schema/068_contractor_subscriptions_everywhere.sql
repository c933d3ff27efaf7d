-- Issue 19: a contractor acting as an organisation (a KvK number, no municipality) subscribes once for its notifications in
-- every municipality: such a subscription has no tenant_id (only ever with a kvk_number; the service checks it).
ALTER TABLE sroi_webhook_subscriptions ALTER COLUMN tenant_id DROP NOT NULL;
COMMENT ON COLUMN sroi_webhook_subscriptions.tenant_id IS 'the municipality; NULL only for a contractor''s subscription in every municipality (kvk_number set)';
