-- What orders hold at each (SKU, location) and, for a lot-tracked item, its units per lot (from stock-changed's
-- lots; NULL until an event names them): what a channel that withholds expiring lots needs.
ALTER TABLE availability
    ADD COLUMN committed BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN lots      JSONB;

-- Per channel: withhold the units of lots expiring within N days (NULL or 0: none); size the buffer per SKU from its
-- demand during the channel's sync lag, between a floor and a ceiling (NULL: the fixed buffer).
ALTER TABLE channel
    ADD COLUMN withhold_expiring_days INT CHECK (withhold_expiring_days BETWEEN 0 AND 3650),
    ADD COLUMN dynamic_buffer_floor   BIGINT CHECK (dynamic_buffer_floor >= 0),
    ADD COLUMN dynamic_buffer_ceiling BIGINT CHECK (dynamic_buffer_ceiling >= dynamic_buffer_floor);

-- Each SKU's recent demand (units taken from available by reservations and sales, over every location) as an
-- exponentially decayed rate with a one-hour time constant: at measured_at it was units_per_hour, and with no new
-- demand it decays by e every hour. One row per SKU, updated in the consumer's transaction.
CREATE TABLE sku_demand (
    sku            TEXT PRIMARY KEY,
    units_per_hour DOUBLE PRECISION NOT NULL,
    measured_at    TIMESTAMPTZ NOT NULL
);

-- What a channel may count of one (SKU, location): available, less the units of lots expiring from p_today to
-- p_today + p_days - 1 that orders do not already hold. Orders ship first-expiring-first-out, so committed units come
-- out of the earliest lots first; lots already past their date left available when they expired.
CREATE FUNCTION channel_sellable(p_available BIGINT, p_committed BIGINT, p_lots JSONB, p_days INT, p_today DATE)
RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_days IS NULL OR p_days <= 0 OR p_lots IS NULL OR p_available <= 0 THEN p_available
        ELSE p_available - LEAST(p_available, GREATEST(0, COALESCE((
            SELECT SUM((lot ->> 'quantity')::bigint) FROM jsonb_array_elements(p_lots) lot
            WHERE (lot ->> 'expiresOn')::date >= p_today AND (lot ->> 'expiresOn')::date < p_today + p_days), 0)
            - GREATEST(p_committed, 0)))
    END
$$;
