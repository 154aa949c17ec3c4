-- Catalog facts are published to inventory.items / inventory.locations; the revision orders them per key.
ALTER TABLE item ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE location ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
-- The countries a location ships to (ISO 3166-1 alpha-2, comma separated); empty means anywhere.
ALTER TABLE location ADD COLUMN countries TEXT NOT NULL DEFAULT '';

-- Lots of a lot-tracked item per location: their units sum to the on-hand of lots received with a lot.
CREATE TABLE lot_balance (
    sku        TEXT NOT NULL REFERENCES item (sku),
    location   TEXT NOT NULL REFERENCES location (code),
    lot        TEXT NOT NULL,
    expires_on DATE,
    on_hand    BIGINT NOT NULL CHECK (on_hand >= 0),
    PRIMARY KEY (sku, location, lot)
);

-- The lot a movement named (receipts of lot-tracked items name one; outgoing movements may).
ALTER TABLE movement ADD COLUMN lot TEXT;
ALTER TABLE movement ADD COLUMN expires_on DATE;

-- Applies an on-hand change to the lots of a lot-tracked item in one round trip: an increase goes to the named
-- lot; a decrease takes the named lot first, then first-expiring-first-out. Returns the lots held afterwards,
-- plus one row with a NULL lot when there are none; no rows at all when the item is not lot-tracked.
CREATE FUNCTION apply_lot_change(p_sku TEXT, p_location TEXT, p_lot TEXT, p_expires_on DATE, p_quantity BIGINT)
RETURNS TABLE (lot TEXT, expires_on DATE, on_hand BIGINT) AS $$
#variable_conflict use_column
DECLARE
    remaining BIGINT := -p_quantity;
    taken     BIGINT;
    held      RECORD;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM item i WHERE i.sku = p_sku AND i.lot_tracked) THEN
        RETURN;
    END IF;
    IF p_quantity > 0 THEN
        INSERT INTO lot_balance AS b (sku, location, lot, expires_on, on_hand)
        VALUES (p_sku, p_location, p_lot, p_expires_on, p_quantity)
        ON CONFLICT (sku, location, lot)
            DO UPDATE SET on_hand = b.on_hand + EXCLUDED.on_hand, expires_on = COALESCE(EXCLUDED.expires_on, b.expires_on);
    ELSIF p_quantity < 0 THEN
        FOR held IN SELECT b.lot, b.on_hand FROM lot_balance b
                    WHERE b.sku = p_sku AND b.location = p_location AND b.on_hand > 0
                    ORDER BY (b.lot IS NOT DISTINCT FROM p_lot) DESC, b.expires_on NULLS LAST, b.lot
                    FOR UPDATE
        LOOP
            EXIT WHEN remaining <= 0;
            taken := LEAST(held.on_hand, remaining);
            UPDATE lot_balance b SET on_hand = b.on_hand - taken
            WHERE b.sku = p_sku AND b.location = p_location AND b.lot = held.lot;
            remaining := remaining - taken;
        END LOOP;
    END IF;
    RETURN QUERY
        SELECT b.lot, b.expires_on, b.on_hand FROM lot_balance b
        WHERE b.sku = p_sku AND b.location = p_location AND b.on_hand > 0
        UNION ALL
        SELECT NULL, NULL, NULL
        WHERE NOT EXISTS (SELECT 1 FROM lot_balance b WHERE b.sku = p_sku AND b.location = p_location AND b.on_hand > 0)
        ORDER BY 2 NULLS LAST, 1;
END;
$$ LANGUAGE plpgsql;
