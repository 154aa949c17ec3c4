-- Which lots each on-hand change moved, so the ledger names the lots a sale took and a recall finds the orders that
-- got a lot. quantity is the signed change to the lot's on hand.
CREATE TABLE movement_lot (
    movement_id BIGINT NOT NULL REFERENCES movement (id),
    sku         TEXT NOT NULL,
    location    TEXT NOT NULL,
    lot         TEXT NOT NULL,
    quantity    BIGINT NOT NULL,
    PRIMARY KEY (movement_id, lot)
);
CREATE INDEX movement_lot_by_lot ON movement_lot (sku, lot, movement_id);

-- Units of a lot already taken out of available by an EXPIRY movement (they wait in quality control).
ALTER TABLE lot_balance ADD COLUMN expired BIGINT NOT NULL DEFAULT 0;
ALTER TABLE lot_balance ADD CONSTRAINT lot_balance_expired_within CHECK (expired >= 0 AND expired <= on_hand);
CREATE INDEX lot_balance_expiring ON lot_balance (expires_on) WHERE on_hand > expired;

-- move_lots replaces apply_lot_change (V4), adding the ledger: records what it took from each lot under the movement, and departures from
-- sellable stock take lots that have not expired first, first-expiring-first-out, while departures from held-back
-- stock (a write-off from quality control) take expired units first. A lot named by the movement still goes first.
CREATE FUNCTION move_lots(p_movement_id BIGINT, p_sku TEXT, p_location TEXT, p_lot TEXT, p_expires_on DATE,
                          p_quantity BIGINT, p_from_available BOOLEAN)
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
        INSERT INTO movement_lot (movement_id, sku, location, lot, quantity)
        VALUES (p_movement_id, p_sku, p_location, p_lot, p_quantity);
    ELSIF p_quantity < 0 THEN
        FOR held IN SELECT b.lot, b.on_hand, b.expired FROM lot_balance b
                    WHERE b.sku = p_sku AND b.location = p_location AND b.on_hand > 0
                    ORDER BY (b.lot IS NOT DISTINCT FROM p_lot) DESC,
                             CASE WHEN p_from_available
                                  THEN b.expired < b.on_hand AND (b.expires_on IS NULL OR b.expires_on > current_date)
                                  ELSE b.expired > 0 END DESC,
                             b.expires_on NULLS LAST, b.lot
                    FOR UPDATE
        LOOP
            EXIT WHEN remaining <= 0;
            taken := LEAST(held.on_hand, remaining);
            -- units leave a lot's sellable part or its expired part as the departure's source says
            UPDATE lot_balance b SET on_hand = b.on_hand - taken,
                   expired = CASE WHEN p_from_available THEN LEAST(b.expired, b.on_hand - taken)
                                  ELSE GREATEST(b.expired - taken, 0) END
            WHERE b.sku = p_sku AND b.location = p_location AND b.lot = held.lot;
            INSERT INTO movement_lot (movement_id, sku, location, lot, quantity)
            VALUES (p_movement_id, p_sku, p_location, held.lot, -taken);
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

DROP FUNCTION apply_lot_change(TEXT, TEXT, TEXT, DATE, BIGINT);
