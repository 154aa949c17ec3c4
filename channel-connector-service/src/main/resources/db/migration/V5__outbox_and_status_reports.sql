-- channel.sync-status goes through the outbox (the platform's shape, see platform/README.md): a status is written
-- in the transaction that records it as reported, and the platform's relay publishes it.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID NOT NULL,
    event_type  TEXT NOT NULL,
    topic       TEXT NOT NULL,
    message_key TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE FUNCTION outbox_notify() RETURNS trigger AS $$ BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- The state last reported per channel, shared by every instance: a status is news when its state differs.
CREATE TABLE sync_status_report (
    channel     TEXT PRIMARY KEY REFERENCES channel (id) ON DELETE CASCADE,
    state       TEXT NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
