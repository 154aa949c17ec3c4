-- Suppliers and what they sell us.
CREATE TABLE supplier (
    code                   TEXT PRIMARY KEY,
    name                   TEXT NOT NULL,
    contact                TEXT,
    currency               TEXT NOT NULL,
    lead_time_days         INTEGER NOT NULL,
    minimum_order_quantity BIGINT NOT NULL DEFAULT 1,
    order_multiple         BIGINT NOT NULL DEFAULT 1,
    allow_over_receipt     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE supplier_item (
    id           BIGSERIAL PRIMARY KEY,
    supplier     TEXT NOT NULL REFERENCES supplier (code),
    sku          TEXT NOT NULL REFERENCES item (sku),
    supplier_sku TEXT,
    unit_cost    NUMERIC(19, 4),
    pack_size    BIGINT NOT NULL DEFAULT 1,
    UNIQUE (supplier, sku)
);

-- Lead time per supplier and SKU, measured from a purchase order's sending to each of its receipts:
-- count, mean and the running sum of squared deviations (Welford), so the spread needs no history.
CREATE TABLE supplier_lead_time (
    supplier  TEXT NOT NULL REFERENCES supplier (code),
    sku       TEXT NOT NULL REFERENCES item (sku),
    receipts  BIGINT NOT NULL,
    mean_days DOUBLE PRECISION NOT NULL,
    m2        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (supplier, sku)
);

CREATE SEQUENCE purchase_order_number_seq;

CREATE TABLE purchase_order (
    number      TEXT PRIMARY KEY,
    supplier    TEXT NOT NULL REFERENCES supplier (code),
    location    TEXT NOT NULL REFERENCES location (code),
    status      TEXT NOT NULL,
    currency    TEXT NOT NULL,
    expected_on DATE,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ,
    closed_at   TIMESTAMPTZ
);
CREATE INDEX purchase_order_status ON purchase_order (status, number);

CREATE TABLE purchase_order_line (
    id        BIGSERIAL PRIMARY KEY,
    number    TEXT NOT NULL REFERENCES purchase_order (number),
    line      INTEGER NOT NULL,
    sku       TEXT NOT NULL REFERENCES item (sku),
    quantity  BIGINT NOT NULL CHECK (quantity > 0),
    unit_cost NUMERIC(19, 4) NOT NULL,
    received  BIGINT NOT NULL DEFAULT 0,
    damaged   BIGINT NOT NULL DEFAULT 0,
    UNIQUE (number, line),
    UNIQUE (number, sku)
);

-- One receipt per Idempotency-Key: its lines (with the unit cost each arrived at) as JSON, so a replay answers the same.
CREATE TABLE purchase_receipt (
    id              BIGSERIAL PRIMARY KEY,
    number          TEXT NOT NULL REFERENCES purchase_order (number),
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT NOT NULL,
    lines           TEXT NOT NULL,
    actor           TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX purchase_receipt_number ON purchase_receipt (number, id);
