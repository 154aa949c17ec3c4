-- Catalog and locations
CREATE TABLE location (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    type            TEXT NOT NULL,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    priority        INTEGER NOT NULL DEFAULT 0,
    fulfils_orders  BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE item (
    sku               TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL DEFAULT 'STANDARD',
    status            TEXT NOT NULL DEFAULT 'ACTIVE',
    lot_tracked       BOOLEAN NOT NULL DEFAULT FALSE,
    backorder_allowed BOOLEAN NOT NULL DEFAULT FALSE,
    unit_cost         NUMERIC(19, 4),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE item_barcode (
    barcode TEXT PRIMARY KEY,
    sku     TEXT NOT NULL REFERENCES item (sku)
);
CREATE INDEX item_barcode_sku ON item_barcode (sku);

-- Balances: one row per (SKU, location). Only conditional UPDATEs change it; the CHECKs are the last guard.
CREATE TABLE stock_level (
    sku             TEXT NOT NULL REFERENCES item (sku),
    location        TEXT NOT NULL REFERENCES location (code),
    on_hand         BIGINT NOT NULL DEFAULT 0,
    available       BIGINT NOT NULL DEFAULT 0,
    committed       BIGINT NOT NULL DEFAULT 0,
    reserved        BIGINT NOT NULL DEFAULT 0,
    damaged         BIGINT NOT NULL DEFAULT 0,
    quality_control BIGINT NOT NULL DEFAULT 0,
    safety_stock    BIGINT NOT NULL DEFAULT 0,
    incoming        BIGINT NOT NULL DEFAULT 0,
    in_transit      BIGINT NOT NULL DEFAULT 0,
    version         BIGINT NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location),
    CHECK (on_hand >= 0 AND committed >= 0 AND reserved >= 0 AND damaged >= 0 AND quality_control >= 0
           AND safety_stock >= 0 AND incoming >= 0 AND in_transit >= 0)
);

-- The append-only ledger: each row carries the change it made to every state.
CREATE TABLE movement (
    id                BIGSERIAL PRIMARY KEY,
    type              TEXT NOT NULL,
    sku               TEXT NOT NULL,
    location          TEXT NOT NULL,
    quantity          BIGINT NOT NULL,
    d_on_hand         BIGINT NOT NULL,
    d_available       BIGINT NOT NULL,
    d_committed       BIGINT NOT NULL,
    d_reserved        BIGINT NOT NULL,
    d_damaged         BIGINT NOT NULL,
    d_quality_control BIGINT NOT NULL,
    d_safety_stock    BIGINT NOT NULL,
    d_incoming        BIGINT NOT NULL,
    d_in_transit      BIGINT NOT NULL,
    reason            TEXT,
    reference         TEXT,
    actor             TEXT NOT NULL,
    idempotency_key   TEXT,
    request_hash      TEXT,
    resulting_version BIGINT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX movement_idempotency_key ON movement (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX movement_sku ON movement (sku, id);

CREATE RULE movement_no_update AS ON UPDATE TO movement DO INSTEAD NOTHING;
CREATE RULE movement_no_delete AS ON DELETE TO movement DO INSTEAD NOTHING;

-- Reservations: an order's hold on stock, line by line.
CREATE TABLE reservation (
    id              UUID PRIMARY KEY,
    order_id        TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT NOT NULL,
    status          TEXT NOT NULL,
    expires_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE reservation_line (
    reservation_id UUID NOT NULL REFERENCES reservation (id),
    line           INTEGER NOT NULL,
    sku            TEXT NOT NULL,
    location       TEXT NOT NULL,
    quantity       BIGINT NOT NULL,
    PRIMARY KEY (reservation_id, line)
);

-- Transactional outbox: written with the change, published to Kafka by the relay, then deleted.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID NOT NULL,
    event_type  TEXT NOT NULL,
    topic       TEXT NOT NULL,
    message_key TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Wakes the relay within milliseconds of a commit.
CREATE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('outbox', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
