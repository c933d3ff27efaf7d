-- The dashboard's sign-in sessions (Dashboard/SignIn/DashboardSessions, ASP.NET's ITicketStore): the browser's cookie
-- holds only the key, the row holds the ticket (claims and the provider's tokens, encrypted with the service's data
-- protection keys), so that several nodes share the sessions and signing out deletes the tokens.
CREATE TABLE IF NOT EXISTS dashboard_sessions (
    key        text        NOT NULL,
    ticket     bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT dashboard_sessions_pkey PRIMARY KEY (key)
);
CREATE INDEX IF NOT EXISTS dashboard_sessions_expires_at ON dashboard_sessions (expires_at);
