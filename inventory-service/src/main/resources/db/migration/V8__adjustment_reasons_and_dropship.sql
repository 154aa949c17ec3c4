-- Why a correction by hand (ADJUSTMENT, COUNT_CORRECTION) was made: a code from a fixed list (AdjustmentReason);
-- the free note stays in reason. Null for every other movement and for corrections posted before the codes existed.
ALTER TABLE movement ADD COLUMN reason_code TEXT;

-- Dropship: a supplier's availability lives at a location of type SUPPLIER that belongs to the supplier. It never
-- fulfils orders from our stock; channels sum its available with the rest.
ALTER TABLE location ADD COLUMN supplier TEXT REFERENCES supplier (code);
CREATE UNIQUE INDEX location_supplier ON location (supplier) WHERE supplier IS NOT NULL;

-- What a reservation of a dropship item asks its supplier to ship: REQUESTED, then CONFIRMED (the reservation
-- committed) or CANCELLED (released or expired).
CREATE TABLE supplier_order_request (
    id             BIGSERIAL PRIMARY KEY,
    supplier       TEXT NOT NULL REFERENCES supplier (code),
    sku            TEXT NOT NULL REFERENCES item (sku),
    location       TEXT NOT NULL REFERENCES location (code),
    quantity       BIGINT NOT NULL CHECK (quantity > 0),
    order_id       TEXT NOT NULL,
    reservation_id UUID NOT NULL,
    line           INTEGER NOT NULL,
    status         TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX supplier_order_request_reservation ON supplier_order_request (reservation_id);
CREATE INDEX supplier_order_request_status ON supplier_order_request (status, id);
