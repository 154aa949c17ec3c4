-- Transfers as documents: shipped from one location, received at another in one or more receipts; what never
-- arrives is written off as lost in transit when the transfer is closed.
CREATE SEQUENCE transfer_number_seq;

CREATE TABLE transfer (
    number        TEXT PRIMARY KEY,
    from_location TEXT NOT NULL REFERENCES location (code),
    to_location   TEXT NOT NULL REFERENCES location (code),
    status        TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    shipped_at    TIMESTAMPTZ,
    closed_at     TIMESTAMPTZ,
    CHECK (from_location <> to_location)
);

CREATE TABLE transfer_line (
    id       BIGSERIAL PRIMARY KEY,
    number   TEXT NOT NULL REFERENCES transfer (number),
    line     INTEGER NOT NULL,
    sku      TEXT NOT NULL REFERENCES item (sku),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    received BIGINT NOT NULL DEFAULT 0,
    lost     BIGINT NOT NULL DEFAULT 0,
    UNIQUE (number, line),
    UNIQUE (number, sku)
);

CREATE TABLE transfer_receipt (
    id              BIGSERIAL PRIMARY KEY,
    number          TEXT NOT NULL REFERENCES transfer (number),
    idempotency_key TEXT NOT NULL UNIQUE,
    request_hash    TEXT NOT NULL,
    lines           TEXT NOT NULL,
    actor           TEXT NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX transfer_receipt_number ON transfer_receipt (number, id);
