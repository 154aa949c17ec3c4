-- Cycle counts (counting/): the ABC class of each SKU and the count tasks proposed from it.

-- A SKU's class: the one computed from the last months' consumption value, and one an admin may pin by hand
-- (which a recompute keeps). A SKU without a row is C.
CREATE TABLE sku_abc (
    sku               TEXT PRIMARY KEY REFERENCES item (sku),
    computed_class    TEXT CHECK (computed_class IN ('A', 'B', 'C')),
    consumed_units    BIGINT NOT NULL DEFAULT 0,
    consumption_value NUMERIC(19, 4) NOT NULL DEFAULT 0,
    computed_at       TIMESTAMPTZ,
    manual_class      TEXT CHECK (manual_class IN ('A', 'B', 'C')),
    set_by            TEXT,
    set_at            TIMESTAMPTZ
);

CREATE SEQUENCE count_task_number_seq;

-- One count of one SKU at one location. The count keeps the ledger position it was taken at (the last movement of
-- that SKU there, and the on hand it left), so approval applies counted - expected to today's on hand and the
-- movements after the position (sales, receipts) stay in it.
CREATE TABLE count_task (
    id                     TEXT PRIMARY KEY,
    sku                    TEXT NOT NULL REFERENCES item (sku),
    location               TEXT NOT NULL REFERENCES location (code),
    abc_class              TEXT NOT NULL CHECK (abc_class IN ('A', 'B', 'C')),
    due_on                 DATE NOT NULL,
    status                 TEXT NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_by             TEXT,
    started_at             TIMESTAMPTZ,
    counted                BIGINT CHECK (counted >= 0),
    counted_by             TEXT,
    counted_at             TIMESTAMPTZ,
    ledger_position        BIGINT,
    expected               BIGINT,
    first_counted          BIGINT CHECK (first_counted >= 0),
    first_expected         BIGINT,
    first_counted_by       TEXT,
    first_counted_at       TIMESTAMPTZ,
    unit_cost              NUMERIC(19, 4),
    correction             BIGINT,
    correction_movement_id BIGINT,
    decided_by             TEXT,
    decided_at             TIMESTAMPTZ,
    note                   TEXT
);
-- At most one unfinished task per SKU and location, so proposing twice (or on two instances) proposes once.
CREATE UNIQUE INDEX count_task_open ON count_task (sku, location) WHERE status NOT IN ('APPROVED', 'REJECTED');
CREATE INDEX count_task_location ON count_task (location, status, due_on);
CREATE INDEX count_task_counted ON count_task (counted_at) WHERE status = 'APPROVED';

-- The last count of a SKU at a location also comes from COUNT_CORRECTION movements posted by hand or imported.
CREATE INDEX movement_count_correction ON movement (location, sku, created_at) WHERE type = 'COUNT_CORRECTION';
