-- The reorder point inventory's planning computed per (SKU, location) (inventory.reorder-points): LOW_STOCK opens at
-- it where no rule set by a person covers the SKU, instead of the configured default. computed_at orders them.
CREATE TABLE reorder_point (
    sku           TEXT NOT NULL,
    location      TEXT NOT NULL,
    reorder_point BIGINT NOT NULL,
    safety_stock  DOUBLE PRECISION NOT NULL,
    computed_at   TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location)
);
