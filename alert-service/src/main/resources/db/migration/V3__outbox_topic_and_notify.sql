-- The platform's outbox (platform/README.md): each row names its topic, and an insert wakes the relay (LISTEN
-- outbox) rather than leaving it to its timer. Rows waiting at the upgrade were all alert events, so they take the
-- alerts topic (the placeholder is stockline.topics.alerts, see application.properties).
ALTER TABLE outbox ADD COLUMN topic TEXT;
UPDATE outbox SET topic = '${alerts_topic}';
ALTER TABLE outbox ALTER COLUMN topic SET NOT NULL;

CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger AS $$ BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
