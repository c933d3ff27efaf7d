-- Issue 20 (Notifications/): how far each reader has read the notification feed, for the inbox's unread count. Not ledger
-- data (no event records it, nothing audits it): one plain row per actor, the feed cursor (txid, seq) of the last
-- notification read. A person's row goes with their directory entry when it is erased (People/PeopleDirectory): it
-- says when they last looked.
CREATE TABLE IF NOT EXISTS notification_read_markers (
    actor    text        PRIMARY KEY,
    txid     xid8        NOT NULL,
    seq      bigint      NOT NULL,
    read_at  timestamptz NOT NULL
);
