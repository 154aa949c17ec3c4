-- Replenishment planning (planning/): promotion windows, per-item settings, and the computed policy per SKU and location.

-- A promotion of a SKU (at one location, or everywhere when location is NULL): its days' demand is kept apart from
-- the baseline so a promotion does not inflate the forecast.
CREATE TABLE planning_promotion (
    id         BIGSERIAL PRIMARY KEY,
    sku        TEXT NOT NULL REFERENCES item (sku),
    location   TEXT REFERENCES location (code),
    starts_on  DATE NOT NULL,
    ends_on    DATE NOT NULL,
    note       TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX planning_promotion_sku ON planning_promotion (sku, starts_on);

-- What a person set for one SKU: a service level that overrides its ABC class's, and the supplier to buy it from
-- (without one, the supplier item with the lowest unit cost).
CREATE TABLE planning_item (
    sku           TEXT PRIMARY KEY REFERENCES item (sku),
    service_level DOUBLE PRECISION CHECK (service_level >= 0.5 AND service_level <= 0.9999),
    supplier      TEXT REFERENCES supplier (code),
    set_by        TEXT NOT NULL,
    set_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The policy last computed for a SKU at a location, with what it rests on. mase and bias are NULL when the history
-- was too short to hold a part of it out.
CREATE TABLE planning_policy (
    sku                    TEXT NOT NULL REFERENCES item (sku),
    location               TEXT NOT NULL REFERENCES location (code),
    supplier               TEXT NOT NULL REFERENCES supplier (code),
    method                 TEXT NOT NULL,
    forecast_method        TEXT NOT NULL,
    daily_forecast         DOUBLE PRECISION NOT NULL,
    daily_std_dev          DOUBLE PRECISION NOT NULL,
    mase                   DOUBLE PRECISION,
    bias                   DOUBLE PRECISION,
    service_level          DOUBLE PRECISION NOT NULL,
    abc_class              TEXT NOT NULL,
    lead_time_days         DOUBLE PRECISION NOT NULL,
    lead_time_std_dev_days DOUBLE PRECISION NOT NULL,
    lead_time_measured     BOOLEAN NOT NULL,
    safety_stock           DOUBLE PRECISION NOT NULL,
    reorder_point          BIGINT NOT NULL,
    order_quantity         BIGINT NOT NULL,
    history_days           INTEGER NOT NULL,
    demand_units           BIGINT NOT NULL,
    stockout_days          INTEGER NOT NULL,
    promotion_days         INTEGER NOT NULL,
    promotion_units        BIGINT NOT NULL,
    returned_units         BIGINT NOT NULL,
    transferred_units      BIGINT NOT NULL,
    computed_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sku, location)
);
CREATE INDEX planning_policy_supplier ON planning_policy (supplier, sku);

-- Daily demand reads a SKU's ledger at its locations in order.
CREATE INDEX movement_sku_location ON movement (sku, location, id);
