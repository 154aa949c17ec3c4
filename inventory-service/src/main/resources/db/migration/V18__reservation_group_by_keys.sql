-- reserve_group (V15, V16) at a third of its cost per reservation: its answers and what it writes are unchanged.
--
-- 1. The check that sends a request to the general path (FALLBACK) reads each line's item and location by their keys.
--    Written as a join of the request's lines to item, the planner, which cannot know how many lines a jsonb array
--    holds (it assumes 100), hashed the whole item table for every request: two thirds of the function's time with
--    10,000 items, and growing with the catalogue.
-- 2. A savepoint only where there is something to undo. A request's first write is its first line's guarded UPDATE,
--    so a request refused on its first line has written nothing and is answered SHORTAGE at once; only a request of
--    several lines, which may be refused after holding some, runs in a savepoint of its own (a subtransaction per
--    request was a quarter of the rest).
--
-- reserve_request makes one request of the group, as the loop of V16's reserve_group did, and answers it; it raises
-- SL409 only for a shortage after an earlier line of the same request was held.
CREATE FUNCTION reserve_request(request jsonb, topic text) RETURNS jsonb AS $$
DECLARE
    line        jsonb;
    held        jsonb := '[]'::jsonb;
    earlier     record;
    chosen      text;
    level       stock_level%ROWTYPE;
    qty         bigint;
    movement_id bigint;
    created     timestamptz;
    event_id    uuid;
    fail_field  text;
    fail_detail text;
BEGIN
    PERFORM pg_advisory_xact_lock(2, hashtext((request->>'owner') || E'\n' || (request->>'key')));
    SELECT r.id, r.order_id, r.status, r.request_hash, r.expires_at INTO earlier
    FROM reservation r WHERE r.owner = request->>'owner' AND r.idempotency_key = request->>'key';
    IF FOUND THEN
        IF earlier.request_hash <> request->>'hash' THEN
            RETURN jsonb_build_object('outcome', 'CONFLICT');
        END IF;
        RETURN jsonb_build_object('outcome', 'REPLAY',
            'id', earlier.id, 'orderId', earlier.order_id, 'status', earlier.status,
            'expiresAt', to_char(earlier.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('line', l.line, 'sku', l.sku,
                          'location', l.location, 'quantity', l.quantity, 'bundle', l.bundle_sku)
                          ORDER BY l.line, l.sku), '[]'::jsonb)
                      FROM reservation_line l WHERE l.reservation_id = earlier.id));
    END IF;

    -- Everything the general path does differently answers FALLBACK here, before anything is written.
    FOR line IN SELECT value FROM jsonb_array_elements(request->'lines') LOOP
        IF NOT EXISTS (SELECT 1 FROM item i
                       WHERE i.sku = line->>'sku' AND i.kind = 'STANDARD' AND i.status = 'ACTIVE'
                         AND NOT i.backorder_allowed
                         AND NOT EXISTS (SELECT 1 FROM item_component c WHERE c.component_sku = i.sku))
           OR (line->>'location' IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM location loc WHERE loc.code = line->>'location' AND loc.type <> 'SUPPLIER'))
        THEN
            RETURN jsonb_build_object('outcome', 'FALLBACK');
        END IF;
    END LOOP;

    FOR line IN SELECT value FROM jsonb_array_elements(request->'lines') LOOP
        qty := (line->>'quantity')::bigint;
        chosen := line->>'location';
        level := NULL;
        IF chosen IS NOT NULL THEN
            UPDATE stock_level s SET available = s.available - qty, committed = s.committed + qty,
                version = s.version + 1, updated_at = now()
            WHERE s.sku = line->>'sku' AND s.location = chosen AND s.available - qty >= 0
            RETURNING s.* INTO level;
            IF NOT FOUND THEN
                fail_detail := format('RESERVE of %s would take available of %s at %s below zero',
                                      qty, line->>'sku', chosen);
            END IF;
        ELSE
            -- As StockRepository.locationsAbleToTake: priority, then most available, then code; each tried in turn,
            -- since a candidate read here may be taken before its guarded UPDATE.
            FOR chosen IN
                SELECT s.location FROM stock_level s JOIN location l ON l.code = s.location
                WHERE s.sku = line->>'sku' AND s.available >= qty AND l.fulfils_orders
                ORDER BY l.priority DESC, s.available DESC, s.location
            LOOP
                UPDATE stock_level s SET available = s.available - qty, committed = s.committed + qty,
                    version = s.version + 1, updated_at = now()
                WHERE s.sku = line->>'sku' AND s.location = chosen AND s.available - qty >= 0
                RETURNING s.* INTO level;
                EXIT WHEN FOUND;
            END LOOP;
            IF level.sku IS NULL THEN
                fail_detail := format('no location holds %s available of %s', qty, line->>'sku');
            END IF;
        END IF;
        IF fail_detail IS NOT NULL THEN
            fail_field := line->>'field';
            IF held = '[]'::jsonb THEN
                -- nothing of this request written yet: nothing to undo
                RETURN jsonb_build_object('outcome', 'SHORTAGE', 'field', fail_field, 'detail', fail_detail);
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'SL409', MESSAGE = fail_detail, DETAIL = fail_field;
        END IF;

        INSERT INTO movement (type, sku, location, quantity, d_on_hand, d_available, d_committed, d_reserved,
            d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit, reason, reference, actor,
            resulting_version)
        VALUES ('RESERVE', level.sku, level.location, qty, 0, -qty, qty, 0, 0, 0, 0, 0, 0,
            'order ' || (request->>'orderId'), request->>'id', request->>'owner', level.version)
        RETURNING id, created_at INTO movement_id, created;

        event_id := gen_random_uuid();
        INSERT INTO outbox (event_id, event_type, topic, message_key, payload, traceparent, tracestate)
        VALUES (event_id, 'io.stockline.inventory.stock-changed.v1', topic, level.sku,
            stock_changed_payload(event_id, level, 'RESERVE', movement_id, created),
            request->>'traceparent', request->>'tracestate');

        held := held || jsonb_build_array(jsonb_build_object('line', (line->>'line')::int, 'sku', level.sku,
            'location', level.location, 'quantity', qty));
    END LOOP;

    INSERT INTO reservation (id, order_id, owner, idempotency_key, request_hash, status, expires_at)
    VALUES ((request->>'id')::uuid, request->>'orderId', request->>'owner', request->>'key',
            request->>'hash', 'ACTIVE', (request->>'expiresAt')::timestamptz);
    INSERT INTO reservation_line (reservation_id, line, sku, location, quantity)
    SELECT (request->>'id')::uuid, (h.value->>'line')::int, h.value->>'sku', h.value->>'location',
           (h.value->>'quantity')::bigint
    FROM jsonb_array_elements(held) AS h(value);

    RETURN jsonb_build_object('outcome', 'CREATED', 'lines', held);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reserve_group(requests jsonb, topic text) RETURNS jsonb AS $$
DECLARE
    request     jsonb;
    answers     jsonb := '[]'::jsonb;
    fail_field  text;
    fail_detail text;
BEGIN
    FOR request IN SELECT value FROM jsonb_array_elements(requests) LOOP
        IF jsonb_array_length(request->'lines') = 1 THEN
            -- its one line is its first: refused, it has written nothing (no SL409 to catch)
            answers := answers || jsonb_build_array(reserve_request(request, topic));
            CONTINUE;
        END IF;
        BEGIN
            answers := answers || jsonb_build_array(reserve_request(request, topic));
        EXCEPTION WHEN SQLSTATE 'SL409' THEN
            -- Only this request's savepoint rolls back; a deadlock or serialization failure is not caught, so the
            -- whole group fails and the service runs it again.
            GET STACKED DIAGNOSTICS fail_detail = MESSAGE_TEXT, fail_field = PG_EXCEPTION_DETAIL;
            answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'SHORTAGE', 'field', fail_field,
                'detail', fail_detail));
        END;
    END LOOP;
    RETURN answers;
END;
$$ LANGUAGE plpgsql;
