-- Issue 17 (Webhooks/): a subscription's secret is stored encrypted (Webhooks/WebhookSecrets.cs: ASP.NET Core Data
-- Protection, key ring outside the database), and a rotated one keeps signing beside the new one until
-- previous_secret_until, so a receiver can switch without losing a delivery. The plain-text secrets of the first release
-- are encrypted by the service on start (Webhooks/PlainSecretEncryption.cs): SQL cannot, the key is not in the database.
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS previous_secret text NULL;
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS previous_secret_until timestamptz NULL;
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS secret_rotated_at timestamptz NULL;
COMMENT ON COLUMN sroi_webhook_subscriptions.secret IS 'dp1:<Data Protection ciphertext>; plain text only in a row from before issue 17 not yet encrypted';
