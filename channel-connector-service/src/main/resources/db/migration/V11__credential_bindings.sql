-- The marketplace type and host a credential reference's secrets may go to: bound by the first channel that names it
-- (channel: which one), and kept when that channel is deleted, so that an API user cannot point a secret configured
-- for one store at another (a new host needs a new reference, which only whoever configures secrets can add).
CREATE TABLE credential_binding (
    ref      TEXT PRIMARY KEY,
    channel  TEXT NOT NULL,
    type     TEXT NOT NULL,
    host     TEXT NOT NULL,
    bound_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
