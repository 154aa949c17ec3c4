-- What inventory says is available per (SKU, location): the last version applied wins.
CREATE TABLE availability (
    sku        TEXT NOT NULL,
    location   TEXT NOT NULL,
    available  BIGINT NOT NULL,
    version    BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location)
);

-- Events already applied, written in the transaction of their change.
CREATE TABLE processed_event (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One decision per order.
CREATE TABLE allocation (
    order_id       TEXT PRIMARY KEY,
    status         TEXT NOT NULL,
    reservation_id UUID,
    location       TEXT,
    reason         TEXT,
    decided_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
