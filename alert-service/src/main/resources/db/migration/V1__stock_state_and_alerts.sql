-- The last stock figures seen per (SKU, location), and whether a low-stock alert is open for it.
CREATE TABLE stock_state (
    sku            TEXT NOT NULL,
    location       TEXT NOT NULL,
    available      BIGINT NOT NULL,
    version        BIGINT NOT NULL,
    low_stock_open BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location)
);

-- Events already applied, written in the transaction of their change.
CREATE TABLE processed_event (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every alert raised.
CREATE TABLE alert (
    id         UUID PRIMARY KEY,
    kind       TEXT NOT NULL,
    sku        TEXT NOT NULL,
    location   TEXT NOT NULL,
    available  BIGINT NOT NULL,
    threshold  BIGINT NOT NULL,
    raised_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX alert_sku ON alert (sku, raised_at);
