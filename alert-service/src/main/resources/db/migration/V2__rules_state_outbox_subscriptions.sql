-- Rules: per SKU, per location, per SKU and location, per channel, or for all (every scope column null).
-- The most specific rule of a kind wins; with none, the defaults of application.properties apply.
CREATE TABLE alert_rule (
    id               UUID PRIMARY KEY,
    kind             TEXT NOT NULL,
    sku              TEXT,
    location         TEXT,
    channel          TEXT,
    threshold        BIGINT,
    cooldown_seconds BIGINT NOT NULL,
    enabled          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One rule per kind and scope.
CREATE UNIQUE INDEX alert_rule_scope ON alert_rule (kind, coalesce(sku, ''), coalesce(location, ''), coalesce(channel, ''));

-- Where each condition stands per kind and subject: (sku, location) for stock, + lot for expiry, channel for sync.
-- Unused subject parts are ''. pending = the condition holds but a cool-down kept the alert from opening.
CREATE TABLE alert_state (
    kind           TEXT NOT NULL,
    sku            TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    lot            TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL DEFAULT '',
    open_alert_id  UUID,
    pending        BOOLEAN NOT NULL DEFAULT FALSE,
    cooldown_until TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, sku, location, lot, channel)
);
CREATE INDEX alert_state_pending ON alert_state (cooldown_until) WHERE pending;

-- Lots on hand per (SKU, location), as the last stock-changed event listed them; read by the expiry sweep.
CREATE TABLE lot_state (
    sku        TEXT NOT NULL,
    location   TEXT NOT NULL,
    lot        TEXT NOT NULL,
    expires_on DATE,
    quantity   BIGINT NOT NULL,
    PRIMARY KEY (sku, location, lot)
);

-- The last sync status per channel.
CREATE TABLE channel_state (
    channel_id           TEXT PRIMARY KEY,
    state                TEXT NOT NULL,
    pending              BIGINT NOT NULL,
    lag_seconds          BIGINT NOT NULL,
    consecutive_failures INT NOT NULL,
    last_error           TEXT,
    reported_at          TIMESTAMPTZ NOT NULL
);

-- Alerts: OPEN until resolved, RESOLVED, or NOTICE (one-shot, such as back in stock).
ALTER TABLE alert RENAME COLUMN available TO observed;
ALTER TABLE alert RENAME COLUMN raised_at TO opened_at;
ALTER TABLE alert ALTER COLUMN sku DROP NOT NULL;
ALTER TABLE alert ALTER COLUMN location DROP NOT NULL;
ALTER TABLE alert ALTER COLUMN threshold DROP NOT NULL;
ALTER TABLE alert ADD COLUMN status TEXT NOT NULL DEFAULT 'RESOLVED';
ALTER TABLE alert ADD COLUMN lot TEXT;
ALTER TABLE alert ADD COLUMN channel TEXT;
ALTER TABLE alert ADD COLUMN detail TEXT;
ALTER TABLE alert ADD COLUMN rule_id UUID;
ALTER TABLE alert ADD COLUMN resolved_at TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN acknowledged_by TEXT;
CREATE INDEX alert_status ON alert (status, opened_at);
CREATE INDEX alert_kind ON alert (kind, opened_at);

-- Carry the low-stock alerts that are open over into the new state.
INSERT INTO alert_state (kind, sku, location, open_alert_id)
SELECT 'LOW_STOCK', s.sku, s.location,
       (SELECT a.id FROM alert a WHERE a.sku = s.sku AND a.location = s.location ORDER BY a.opened_at DESC LIMIT 1)
FROM stock_state s WHERE s.low_stock_open;
UPDATE alert SET status = 'OPEN' WHERE id IN (SELECT open_alert_id FROM alert_state WHERE open_alert_id IS NOT NULL);
ALTER TABLE stock_state DROP COLUMN low_stock_open;

-- Alert events for Kafka, written in the transaction that opened or resolved the alert; the relay publishes
-- them in id order and deletes them once the broker has them.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID NOT NULL,
    event_type  TEXT NOT NULL,
    message_key TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who hears about which alerts, and how. secret signs webhooks and is never returned by the API.
CREATE TABLE subscription (
    id             UUID PRIMARY KEY,
    name           TEXT NOT NULL,
    channel        TEXT NOT NULL,
    target         TEXT NOT NULL,
    secret         TEXT,
    kinds          TEXT NOT NULL DEFAULT '',
    sku            TEXT,
    location       TEXT,
    digest         BOOLEAN NOT NULL DEFAULT FALSE,
    digest_time    TEXT,
    next_digest_at TIMESTAMPTZ,
    last_digest_at TIMESTAMPTZ,
    enabled        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One message to one subscription, until delivered or given up on; retried with exponential backoff.
CREATE TABLE delivery (
    id              UUID PRIMARY KEY,
    subscription_id UUID NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    alert_id        UUID,
    event_type      TEXT NOT NULL,
    channel         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'PENDING',
    attempts        INT NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_subscription ON delivery (subscription_id, created_at);
CREATE INDEX delivery_alert ON delivery (alert_id);
