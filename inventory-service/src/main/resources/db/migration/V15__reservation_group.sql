-- The common reservation in one round trip, and several of them in one commit (issue 14, points 2 and 3).
--
-- reserve_group takes the gathered requests in arrival order and answers each in the same order. Every request runs
-- in a block of its own (a savepoint): it holds all its lines or none, and a short line rolls back only its own
-- request. The whole group commits once. It writes what the Java path (ReservationService.reserve, StockLedger)
-- writes for a plain item: the key's advisory lock (scope 2, as KeyLocks), the replay or conflict check, the guarded
-- UPDATE of each line's balance (its row count decides), the RESERVE ledger row, the stock-changed outbox row (the
-- same JSON as StockChangedEvent, without lots: a hold leaves on hand, and so the lots, as they are) and the
-- reservation with its lines. Whatever it does not do the same way (a bundle, a part of a bundle, dropship,
-- backorders, an unknown or discontinued item, an unknown or supplier location) it answers FALLBACK before
-- writing anything, and the service runs the general path, which answers exactly as before.
--
-- requests: [{"owner", "key", "hash", "id", "orderId", "expiresAt", "traceparent", "tracestate",
--             "lines": [{"line", "sku", "location" (or null), "quantity", "field"}] in (SKU, location) order}]
-- answer:   [{"outcome": "CREATED", "lines": [{"line", "sku", "location", "quantity"}]}
--            | {"outcome": "REPLAY", "id", "orderId", "status", "expiresAt", "lines": [... "bundle"]}
--            | {"outcome": "CONFLICT"} | {"outcome": "SHORTAGE", "field", "detail"} | {"outcome": "FALLBACK"}]
CREATE FUNCTION reserve_group(requests jsonb, topic text) RETURNS jsonb AS $$
DECLARE
    request   jsonb;
    line      jsonb;
    answers   jsonb := '[]'::jsonb;
    held      jsonb;
    earlier   record;
    chosen    text;
    level     stock_level%ROWTYPE;
    qty       bigint;
    movement_id bigint;
    created   timestamptz;
    event_id  uuid;
    fail_field text;
    fail_detail text;
BEGIN
    FOR request IN SELECT value FROM jsonb_array_elements(requests) LOOP
        BEGIN
            PERFORM pg_advisory_xact_lock(2, hashtext((request->>'owner') || E'\n' || (request->>'key')));
            SELECT r.id, r.order_id, r.status, r.request_hash, r.expires_at INTO earlier
            FROM reservation r WHERE r.owner = request->>'owner' AND r.idempotency_key = request->>'key';
            IF FOUND THEN
                IF earlier.request_hash <> request->>'hash' THEN
                    answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'CONFLICT'));
                ELSE
                    answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'REPLAY',
                        'id', earlier.id, 'orderId', earlier.order_id, 'status', earlier.status,
                        'expiresAt', to_char(earlier.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                        'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('line', l.line, 'sku', l.sku,
                                      'location', l.location, 'quantity', l.quantity, 'bundle', l.bundle_sku)
                                      ORDER BY l.line, l.sku), '[]'::jsonb)
                                  FROM reservation_line l WHERE l.reservation_id = earlier.id)));
                END IF;
                CONTINUE;
            END IF;

            -- Everything the general path does differently answers FALLBACK here, before anything is written.
            IF EXISTS (
                SELECT 1 FROM jsonb_array_elements(request->'lines') AS l(value)
                LEFT JOIN item i ON i.sku = l.value->>'sku'
                LEFT JOIN location loc ON loc.code = l.value->>'location'
                WHERE i.sku IS NULL OR i.kind <> 'STANDARD' OR i.status <> 'ACTIVE' OR i.backorder_allowed
                   OR (l.value->>'location' IS NOT NULL AND (loc.code IS NULL OR loc.type = 'SUPPLIER'))
                   OR EXISTS (SELECT 1 FROM item_component c WHERE c.component_sku = i.sku)) THEN
                answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'FALLBACK'));
                CONTINUE;
            END IF;

            held := '[]'::jsonb;
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
                        fail_field := line->>'field';
                        fail_detail := format('RESERVE of %s would take available of %s at %s below zero',
                                              qty, line->>'sku', chosen);
                        RAISE EXCEPTION USING ERRCODE = 'SL409', MESSAGE = fail_detail, DETAIL = fail_field;
                    END IF;
                ELSE
                    -- As StockRepository.locationsAbleToTake: priority, then most available, then code; each tried
                    -- in turn, since a candidate read here may be taken before its guarded UPDATE.
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
                        fail_field := line->>'field';
                        fail_detail := format('no location holds %s available of %s', qty, line->>'sku');
                        RAISE EXCEPTION USING ERRCODE = 'SL409', MESSAGE = fail_detail, DETAIL = fail_field;
                    END IF;
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
                    -- the text Jackson writes for StockChangedEvent: its fields in order, no spaces, no lots (null)
                    format('{"eventId":"%s","sku":%s,"location":%s,"version":%s,"movementType":"RESERVE",'
                           '"movementId":%s,"onHand":%s,"available":%s,"committed":%s,"reserved":%s,"damaged":%s,'
                           '"qualityControl":%s,"safetyStock":%s,"incoming":%s,"inTransit":%s,"occurredAt":"%sZ"}',
                        event_id, to_json(level.sku), to_json(level.location), level.version, movement_id,
                        level.on_hand, level.available, level.committed, level.reserved, level.damaged,
                        level.quality_control, level.safety_stock, level.incoming, level.in_transit,
                        -- an OffsetDateTime in UTC as Jackson writes it: trailing zeros of the fraction left out
                        rtrim(rtrim(to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '0'), '.')),
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

            answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'CREATED', 'lines', held));
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
