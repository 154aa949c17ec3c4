-- A bundle's components (which may be bundles themselves); a bundle holds no stock of its own.
CREATE TABLE item_component (
    bundle_sku    TEXT NOT NULL REFERENCES item (sku),
    component_sku TEXT NOT NULL REFERENCES item (sku),
    quantity      BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (bundle_sku, component_sku),
    CHECK (bundle_sku <> component_sku)
);
CREATE INDEX item_component_component ON item_component (component_sku);

-- The version of a bundle's availability per location, raised whenever a component's stock there changes,
-- so consumers can order and de-duplicate bundle events as they do stock events.
CREATE TABLE bundle_version (
    bundle_sku TEXT NOT NULL REFERENCES item (sku),
    location   TEXT NOT NULL REFERENCES location (code),
    version    BIGINT NOT NULL,
    PRIMARY KEY (bundle_sku, location)
);

-- A bundle's reservation line holds each of its components: one row per component under the line.
ALTER TABLE reservation_line DROP CONSTRAINT reservation_line_pkey;
ALTER TABLE reservation_line ADD PRIMARY KEY (reservation_id, line, sku);
ALTER TABLE reservation_line ADD COLUMN bundle_sku TEXT;
