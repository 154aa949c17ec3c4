-- Plain movements in one round trip, several of them in one commit (issue 14: movements at the database's speed),
-- and the stock-changed event's JSON written in one place for every function that writes it.
--
-- stock_changed_payload is the text Jackson writes for StockChangedEvent (messaging/StockChangedEvent): its fields in
-- order, no spaces, without lots (null). reserve_group (V15, restated here unchanged but for its payload) and
-- move_group use it; GroupCommitMovementTest holds move_group's events to those the Java path sends for the same
-- movements, and EventContractTest holds both functions' events to deploy/asyncapi.yaml.
CREATE FUNCTION stock_changed_payload(event_id uuid, level stock_level, movement_type text, movement_id bigint,
        occurred timestamptz) RETURNS text AS $$
    SELECT format('{"eventId":"%s","sku":%s,"location":%s,"version":%s,"movementType":%s,'
                  '"movementId":%s,"onHand":%s,"available":%s,"committed":%s,"reserved":%s,"damaged":%s,'
                  '"qualityControl":%s,"safetyStock":%s,"incoming":%s,"inTransit":%s,"occurredAt":"%sZ"}',
        event_id, to_json(level.sku), to_json(level.location), level.version, to_json(movement_type), movement_id,
        level.on_hand, level.available, level.committed, level.reserved, level.damaged,
        level.quality_control, level.safety_stock, level.incoming, level.in_transit,
        -- an OffsetDateTime in UTC as Jackson writes it: trailing zeros of the fraction left out
        rtrim(rtrim(to_char(occurred AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '0'), '.'))
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION reserve_group(requests jsonb, topic text) RETURNS jsonb AS $$
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


-- move_group takes gathered movements in arrival order and answers each in the same order, in one transaction. It
-- writes what MovementService.post and StockLedger write for a plain one (a stocked item that is not lot-tracked and
-- no bundle's part, at a location holding our own stock, one balance changed by the delta the service computed): the
-- key's advisory lock (scope 1, as KeyLocks), the zero balance a change that cannot fall below zero starts from, the
-- guarded UPDATE (its row count decides), the ledger row with the key and fingerprint, and the stock-changed outbox
-- row. A movement changes one balance, whose guarded UPDATE is its first write, so a refused one has written nothing
-- and needs no savepoint. Whatever it does not do the same way (a key used before, to replay or refuse; an unknown,
-- bundle, dropship or lot-tracked item or a part of a bundle; an unknown or supplier location; a change the guard
-- refuses, whose refusal names the state) it answers FALLBACK before writing, and the service runs the general path.
--
-- requests: [{"owner", "key", "hash", "type", "sku", "location", "quantity", "reason", "reference", "reasonCode",
--             "delta": {"onHand", "available", "committed", "reserved", "damaged", "qualityControl", "safetyStock",
--                       "incoming", "inTransit"}, "traceparent", "tracestate"}]
-- answer:   [{"outcome": "CREATED", "id", "version", "createdAt"} | {"outcome": "FALLBACK"}]
CREATE FUNCTION move_group(requests jsonb, topic text) RETURNS jsonb AS $$
DECLARE
    request     jsonb;
    d           jsonb;
    answers     jsonb := '[]'::jsonb;
    backorder   boolean;
    level       stock_level%ROWTYPE;
    movement_id bigint;
    created     timestamptz;
    event_id    uuid;
BEGIN
    FOR request IN SELECT value FROM jsonb_array_elements(requests) LOOP
        d := request->'delta';
        PERFORM pg_advisory_xact_lock(1, hashtext((request->>'owner') || E'\n' || (request->>'key')));
        IF EXISTS (SELECT 1 FROM movement m WHERE m.actor = request->>'owner' AND m.idempotency_key = request->>'key')
        THEN
            answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'FALLBACK'));
            CONTINUE;
        END IF;
        SELECT i.backorder_allowed INTO backorder FROM item i
        WHERE i.sku = request->>'sku' AND i.kind = 'STANDARD' AND NOT i.lot_tracked
          AND NOT EXISTS (SELECT 1 FROM item_component c WHERE c.component_sku = i.sku)
          AND EXISTS (SELECT 1 FROM location l WHERE l.code = request->>'location' AND l.type <> 'SUPPLIER');
        IF NOT FOUND THEN
            answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'FALLBACK'));
            CONTINUE;
        END IF;

        -- As StockLedger.tryRecord: only a change that could start from an empty balance creates one
        IF ((d->>'available')::bigint >= 0 OR backorder) AND (d->>'onHand')::bigint >= 0
           AND (d->>'committed')::bigint >= 0 AND (d->>'reserved')::bigint >= 0 AND (d->>'damaged')::bigint >= 0
           AND (d->>'qualityControl')::bigint >= 0 AND (d->>'safetyStock')::bigint >= 0
           AND (d->>'incoming')::bigint >= 0 AND (d->>'inTransit')::bigint >= 0 THEN
            INSERT INTO stock_level (sku, location) VALUES (request->>'sku', request->>'location')
            ON CONFLICT DO NOTHING;
        END IF;
        -- As StockRepository.apply
        UPDATE stock_level s SET
            on_hand = s.on_hand + (d->>'onHand')::bigint, available = s.available + (d->>'available')::bigint,
            committed = s.committed + (d->>'committed')::bigint, reserved = s.reserved + (d->>'reserved')::bigint,
            damaged = s.damaged + (d->>'damaged')::bigint,
            quality_control = s.quality_control + (d->>'qualityControl')::bigint,
            safety_stock = s.safety_stock + (d->>'safetyStock')::bigint,
            incoming = s.incoming + (d->>'incoming')::bigint, in_transit = s.in_transit + (d->>'inTransit')::bigint,
            version = s.version + 1, updated_at = now()
        WHERE s.sku = request->>'sku' AND s.location = request->>'location'
          AND (backorder OR s.available + (d->>'available')::bigint >= 0)
          AND s.on_hand + (d->>'onHand')::bigint >= 0 AND s.committed + (d->>'committed')::bigint >= 0
          AND s.reserved + (d->>'reserved')::bigint >= 0 AND s.damaged + (d->>'damaged')::bigint >= 0
          AND s.quality_control + (d->>'qualityControl')::bigint >= 0
          AND s.safety_stock + (d->>'safetyStock')::bigint >= 0 AND s.incoming + (d->>'incoming')::bigint >= 0
          AND s.in_transit + (d->>'inTransit')::bigint >= 0
        RETURNING s.* INTO level;
        IF NOT FOUND THEN
            answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'FALLBACK'));
            CONTINUE;
        END IF;

        INSERT INTO movement (type, sku, location, quantity, d_on_hand, d_available, d_committed, d_reserved,
            d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit, reason, reference, actor,
            idempotency_key, request_hash, resulting_version, reason_code)
        VALUES (request->>'type', level.sku, level.location, (request->>'quantity')::bigint,
            (d->>'onHand')::bigint, (d->>'available')::bigint, (d->>'committed')::bigint, (d->>'reserved')::bigint,
            (d->>'damaged')::bigint, (d->>'qualityControl')::bigint, (d->>'safetyStock')::bigint,
            (d->>'incoming')::bigint, (d->>'inTransit')::bigint, request->>'reason', request->>'reference',
            request->>'owner', request->>'key', request->>'hash', level.version, request->>'reasonCode')
        RETURNING id, created_at INTO movement_id, created;

        event_id := gen_random_uuid();
        INSERT INTO outbox (event_id, event_type, topic, message_key, payload, traceparent, tracestate)
        VALUES (event_id, 'io.stockline.inventory.stock-changed.v1', topic, level.sku,
            stock_changed_payload(event_id, level, request->>'type', movement_id, created),
            request->>'traceparent', request->>'tracestate');

        answers := answers || jsonb_build_array(jsonb_build_object('outcome', 'CREATED', 'id', movement_id,
            'version', level.version,
            'createdAt', to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')));
    END LOOP;
    RETURN answers;
END;
$$ LANGUAGE plpgsql;
