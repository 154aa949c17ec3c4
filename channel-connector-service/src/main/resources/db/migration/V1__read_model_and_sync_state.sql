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

-- What each channel was last told, per SKU.
CREATE TABLE sync_state (
    channel         TEXT NOT NULL,
    sku             TEXT NOT NULL,
    wanted_quantity BIGINT NOT NULL,
    pushed_quantity BIGINT,
    pushed_at       TIMESTAMPTZ,
    last_error      TEXT,
    PRIMARY KEY (channel, sku)
);
