-- Issue 17 (Webhooks/): a subscription's secret is stored encrypted (Webhooks/WebhookSecrets.cs: ASP.NET Core Data
-- Protection, key ring outside the database), and a rotated one keeps signing beside the new one until
-- previous_secret_until, so a receiver can switch without losing a delivery. The plain-text secrets of the first release
-- are encrypted by the service on start (Webhooks/PlainSecretEncryption.cs): SQL cannot, the key is not in the database.
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS previous_secret text NULL;
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS previous_secret_until timestamptz NULL;
ALTER TABLE sroi_webhook_subscriptions ADD COLUMN IF NOT EXISTS secret_rotated_at timestamptz NULL;
COMMENT ON COLUMN sroi_webhook_subscriptions.secret IS 'dp1:<Data Protection ciphertext>; plain text only in a row from before issue 17 not yet encrypted';

-- The first release wrote the exception's text into the delivery log (ports, addresses, DNS answers of the service's own
-- network), readable by the subscriber: those rows get the kind of failure only, as every attempt from now on.
UPDATE sroi_webhook_attempts SET error = CASE
        WHEN error = 'No answer within the timeout.' THEN 'timed out'
        WHEN error LIKE 'The receiver answered a redirect%' THEN 'HTTP ' || status_code || ': redirects are not followed'
        WHEN error LIKE 'The receiver answered %' AND status_code IS NOT NULL THEN 'HTTP ' || status_code
        ELSE 'connection failed' END
WHERE error IS NOT NULL
  AND error NOT IN ('timed out', 'connection failed')
  AND error NOT LIKE 'HTTP %'
  AND error NOT LIKE 'not sent:%';
