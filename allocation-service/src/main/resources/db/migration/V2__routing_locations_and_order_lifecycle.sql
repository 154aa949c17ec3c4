-- inventory.locations: what routing needs of each location; the highest revision applied wins.
CREATE TABLE location (
    code           TEXT PRIMARY KEY,
    latitude       DOUBLE PRECISION,
    longitude      DOUBLE PRECISION,
    priority       INT NOT NULL,
    fulfils_orders BOOLEAN NOT NULL,
    countries      TEXT NOT NULL DEFAULT '', -- ISO codes, comma separated; empty: ships anywhere
    revision       BIGINT NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An admin's ordered routing rules per channel; a channel without a row uses the default.
CREATE TABLE routing_policy (
    channel    TEXT PRIMARY KEY,
    rules      TEXT NOT NULL,  -- rule names, comma separated, first decides
    shortage   TEXT NOT NULL,
    updated_by TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The allocation row follows the order: PENDING (a plan being reserved, attempt n) -> ALLOCATED | BACKORDERED |
-- FAILED -> CANCELLED | SHIPPED, and BACKORDERED -> PENDING again when stock arrives. A cancel or shipment seen first leaves a CANCELLED or SHIPPED row, so that the
-- order placed arriving after it holds nothing.
ALTER TABLE allocation
    ADD COLUMN channel       TEXT,
    ADD COLUMN attempt       INT NOT NULL DEFAULT 0,
    ADD COLUMN order_payload TEXT,
    ADD COLUMN plan          TEXT,
    ADD COLUMN unfilled      TEXT,
    ADD COLUMN updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN decided_by    TEXT, -- the instance (host/pid) that made the last change, for operators
    ADD COLUMN round_start   INT NOT NULL DEFAULT 0; -- the attempt a backorder was taken up again at

-- One reservation in inventory per shipping location (inventory commits and releases whole reservations).
CREATE TABLE allocation_shipment (
    order_id       TEXT NOT NULL REFERENCES allocation (order_id),
    location       TEXT NOT NULL,
    reservation_id UUID NOT NULL,
    status         TEXT NOT NULL, -- HELD, COMMITTED, RELEASED
    lines          TEXT NOT NULL,
    PRIMARY KEY (order_id, location)
);
