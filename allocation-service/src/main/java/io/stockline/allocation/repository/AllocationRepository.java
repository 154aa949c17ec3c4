package io.stockline.allocation.repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.AllocationStatus;
import io.stockline.allocation.domain.ShipmentStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * The allocation row of each order and its shipments; every change is conditional on the state it expects. The
 * statements of an order's path (find, insert, transition, its shipments) run on the Vert.x client ({@link NativeSql}):
 * no Hibernate query object per statement, and they may be started together on the transaction's connection.
 */
@ApplicationScoped
public class AllocationRepository {

    /** This process, as recorded with each change: host/pid. */
    static final String INSTANCE = hostName() + "/" + ProcessHandle.current().pid();

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    public record AllocationRow(String orderId, AllocationStatus status, String channel, int attempt, String orderPayload,
            String plan, String reason, String unfilled, OffsetDateTime updatedAt, int roundStart,
            boolean backorderRound) {
    }

    public record ShipmentRow(String location, UUID reservationId, ShipmentStatus status, String lines) {
    }

    public Uni<AllocationRow> find(String orderId) {
        return find(List.of(orderId)).map(rows -> rows.get(orderId));
    }

    /** The rows of those of {@code orderIds} that have one, by order id, in one query. */
    public Uni<Map<String, AllocationRow>> find(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of("""
                SELECT order_id, status, channel, attempt, order_payload, plan, reason, unfilled, updated_at, round_start,
                    backorder_round
                FROM allocation WHERE order_id = ANY(:orderIds)""")
                .set("orderIds", orderIds.toArray(String[]::new))
                .rows()
                .map(rows -> {
                    Map<String, AllocationRow> byOrder = new HashMap<>();
                    for (Object[] row : rows) {
                        AllocationRow allocation = allocationRow(row);
                        byOrder.put(allocation.orderId(), allocation);
                    }
                    return byOrder;
                });
    }

    /** A new order's first row: PENDING at its first attempt (with the plan to reserve) or at attempt 0 (none yet). */
    public record NewPending(String orderId, String channel, int attempt, String orderPayload, String plan) {
    }

    /** The first rows of several orders, PENDING, in one statement; the ids of those inserted (not there before). */
    public Uni<Set<String>> insertPending(List<NewPending> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of("""
                INSERT INTO allocation (order_id, status, channel, attempt, order_payload, plan, decided_by)
                SELECT r.order_id, 'PENDING', r.channel, r.attempt, r.payload, r.plan, :instance
                FROM unnest(CAST(:orderIds AS text[]), CAST(:channels AS text[]), CAST(:attempts AS int[]),
                        CAST(:payloads AS text[]), CAST(:plans AS text[])) AS r(order_id, channel, attempt, payload, plan)
                ON CONFLICT (order_id) DO NOTHING
                RETURNING order_id""")
                .set("orderIds", rows.stream().map(NewPending::orderId).toArray(String[]::new))
                .set("channels", rows.stream().map(NewPending::channel).toArray(String[]::new))
                .set("attempts", rows.stream().map(NewPending::attempt).toArray(Integer[]::new))
                .set("payloads", rows.stream().map(NewPending::orderPayload).toArray(String[]::new))
                .set("plans", rows.stream().map(NewPending::plan).toArray(String[]::new))
                .set("instance", INSTANCE)
                .column()
                .map(AllocationRepository::texts);
    }

    /** A PENDING row at {@code attempt} whose every shipment is held: it becomes ALLOCATED with its plan. */
    public record Allocated(String orderId, int attempt, String plan, String unfilled) {
    }

    /**
     * Moves each row from PENDING at its attempt to ALLOCATED, in one statement; the ids of the rows that moved (a row
     * someone else moved first is left as it is).
     */
    public Uni<Set<String>> allocate(List<Allocated> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of("""
                UPDATE allocation a SET status = 'ALLOCATED', plan = r.plan, reason = NULL, unfilled = r.unfilled,
                    updated_at = now(), decided_at = now(), decided_by = :instance
                FROM unnest(CAST(:orderIds AS text[]), CAST(:attempts AS int[]), CAST(:plans AS text[]),
                        CAST(:unfilled AS text[])) AS r(order_id, attempt, plan, unfilled)
                WHERE a.order_id = r.order_id AND a.status = 'PENDING' AND a.attempt = r.attempt
                RETURNING a.order_id""")
                .set("orderIds", rows.stream().map(Allocated::orderId).toArray(String[]::new))
                .set("attempts", rows.stream().map(Allocated::attempt).toArray(Integer[]::new))
                .set("plans", rows.stream().map(Allocated::plan).toArray(String[]::new))
                .set("unfilled", rows.stream().map(Allocated::unfilled).toArray(String[]::new))
                .set("instance", INSTANCE)
                .column()
                .map(AllocationRepository::texts);
    }

    /** A shipment inventory holds for an order. */
    public record NewShipment(String orderId, String location, UUID reservationId, String lines) {
    }

    /** The HELD shipments of several orders, in one statement. */
    public Uni<Void> insertShipments(List<NewShipment> shipments) {
        if (shipments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return NativeSql.of("""
                INSERT INTO allocation_shipment (order_id, location, reservation_id, status, lines)
                SELECT s.order_id, s.location, s.reservation_id, 'HELD', s.lines
                FROM unnest(CAST(:orderIds AS text[]), CAST(:locations AS text[]), CAST(:reservations AS uuid[]),
                        CAST(:lines AS text[])) AS s(order_id, location, reservation_id, lines)""")
                .set("orderIds", shipments.stream().map(NewShipment::orderId).toArray(String[]::new))
                .set("locations", shipments.stream().map(NewShipment::location).toArray(String[]::new))
                .set("reservations", shipments.stream().map(NewShipment::reservationId).toArray(UUID[]::new))
                .set("lines", shipments.stream().map(NewShipment::lines).toArray(String[]::new))
                .update()
                .replaceWithVoid();
    }

    private static List<String> textList(List<Object> column) {
        return column.stream().map(Rows::text).toList();
    }

    private static Set<String> texts(List<Object> column) {
        Set<String> texts = new HashSet<>();
        column.forEach(value -> texts.add(Rows.text(value)));
        return texts;
    }

    /**
     * The latest changed orders first (by the time of their last change, then order id), in {@code status} when
     * given, after the cursor position ({@code beforeAt}, {@code beforeOrderId}) when given.
     */
    public Uni<List<AllocationRow>> recent(AllocationStatus status, OffsetDateTime beforeAt, String beforeOrderId,
            int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT order_id, status, channel, attempt, order_payload, plan, reason, unfilled, updated_at, round_start,
                    backorder_round
                FROM allocation WHERE true""");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (beforeAt != null) {
            sql.append(" AND (updated_at, order_id) < (:beforeAt, :beforeOrderId)");
        }
        sql.append(" ORDER BY updated_at DESC, order_id DESC LIMIT :limit");
        NativeSql query = NativeSql.of(sql.toString()).set("limit", limit);
        if (status != null) {
            query.set("status", status.name());
        }
        if (beforeAt != null) {
            query.set("beforeAt", beforeAt).set("beforeOrderId", beforeOrderId);
        }
        return query.list(AllocationRepository::allocationRow);
    }

    private static AllocationRow allocationRow(Object[] row) {
        return new AllocationRow(Rows.text(row[0]), AllocationStatus.valueOf(Rows.text(row[1])), Rows.text(row[2]),
                Rows.intOrNull(row[3]), Rows.text(row[4]), Rows.text(row[5]), Rows.text(row[6]), Rows.text(row[7]),
                Rows.time(row[8]), Rows.intOrNull(row[9]), Rows.bool(row[10]));
    }

    /** The shipments of each of {@code orderIds}, in one query. */
    public Uni<Map<String, List<ShipmentRow>>> shipments(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of("""
                SELECT order_id, location, reservation_id, status, lines FROM allocation_shipment
                WHERE order_id = ANY(:orderIds) ORDER BY order_id, location""")
                .set("orderIds", orderIds.toArray(String[]::new))
                .rows()
                .map(rows -> rows.stream().collect(Collectors.groupingBy(row -> Rows.text(row[0]), LinkedHashMap::new,
                        Collectors.mapping(row -> new ShipmentRow(Rows.text(row[1]), Rows.uuid(row[2]),
                                ShipmentStatus.valueOf(Rows.text(row[3])), Rows.text(row[4])), Collectors.toList()))));
    }

    /** The first row of an order; false when the order has one already. */
    public Uni<Boolean> insert(String orderId, AllocationStatus status, String channel, int attempt, String orderPayload,
            String plan, String reason, String unfilled) {
        return NativeSql.of("""
                INSERT INTO allocation (order_id, status, channel, attempt, order_payload, plan, reason, unfilled,
                    decided_by)
                VALUES (:orderId, :status, :channel, :attempt, :payload, :plan, :reason, :unfilled, :instance)
                ON CONFLICT (order_id) DO NOTHING""")
                .set("orderId", orderId).set("status", status.name()).set("channel", channel)
                .set("attempt", attempt).set("payload", orderPayload).set("plan", plan)
                .set("reason", reason).set("unfilled", unfilled)
                .set("instance", INSTANCE)
                .update()
                .map(count -> count == 1);
    }

    /** Moves the row from (status, attempt) on; false when someone else moved it first. */
    public Uni<Boolean> transition(String orderId, AllocationStatus fromStatus, int fromAttempt,
            AllocationStatus toStatus, int attempt,
            String plan, String reason, String unfilled) {
        return NativeSql.of("""
                UPDATE allocation SET status = :to, attempt = :attempt, plan = :plan, reason = :reason,
                    unfilled = :unfilled, updated_at = now(), decided_at = now(), decided_by = :instance
                WHERE order_id = :orderId AND status = :from AND attempt = :fromAttempt""")
                .set("orderId", orderId).set("from", fromStatus.name())
                .set("fromAttempt", fromAttempt).set("to", toStatus.name())
                .set("attempt", attempt)
                .set("plan", plan).set("reason", reason).set("unfilled", unfilled)
                .set("instance", INSTANCE)
                .update()
                .map(count -> count == 1);
    }

    /** A PENDING row at {@code fromAttempt} to move on: to its next attempt's plan, or to the shortage decided. */
    public record Transition(String orderId, int fromAttempt, AllocationStatus to, int attempt, String plan,
            String reason, String unfilled) {
    }

    /**
     * {@link #transition} from PENDING for several rows, in one statement; the ids of the rows that moved (a row
     * someone else moved first is left as it is).
     */
    public Uni<Set<String>> transitionAll(List<Transition> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return NativeSql.of("""
                UPDATE allocation a SET status = r.status, attempt = r.attempt, plan = r.plan, reason = r.reason,
                    unfilled = r.unfilled, updated_at = now(), decided_at = now(), decided_by = :instance
                FROM unnest(CAST(:orderIds AS text[]), CAST(:fromAttempts AS int[]), CAST(:statuses AS text[]),
                        CAST(:attempts AS int[]), CAST(:plans AS text[]), CAST(:reasons AS text[]),
                        CAST(:unfilled AS text[])) AS r(order_id, from_attempt, status, attempt, plan, reason, unfilled)
                WHERE a.order_id = r.order_id AND a.status = 'PENDING' AND a.attempt = r.from_attempt
                RETURNING a.order_id""")
                .set("orderIds", rows.stream().map(Transition::orderId).toArray(String[]::new))
                .set("fromAttempts", rows.stream().map(Transition::fromAttempt).toArray(Integer[]::new))
                .set("statuses", rows.stream().map(row -> row.to().name()).toArray(String[]::new))
                .set("attempts", rows.stream().map(Transition::attempt).toArray(Integer[]::new))
                .set("plans", rows.stream().map(Transition::plan).toArray(String[]::new))
                .set("reasons", rows.stream().map(Transition::reason).toArray(String[]::new))
                .set("unfilled", rows.stream().map(Transition::unfilled).toArray(String[]::new))
                .set("instance", INSTANCE)
                .column()
                .map(AllocationRepository::texts);
    }

    /** Backorders one of whose SKUs has gained available stock since the order was last planned, oldest first. */
    public Uni<List<String>> backordersWithNewStock(int limit) {
        return NativeSql.of("""
                SELECT a.order_id FROM allocation a
                WHERE a.status = 'BACKORDERED' AND a.order_payload IS NOT NULL AND a.unfilled IS NOT NULL
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements(CAST(a.unfilled AS jsonb)) AS line
                              JOIN availability v ON v.sku = line ->> 'sku'
                              WHERE v.available > 0 AND v.updated_at > a.updated_at)
                ORDER BY a.updated_at LIMIT :limit""")
                .set("limit", limit)
                .column()
                .map(AllocationRepository::textList);
    }

    /**
     * Backorders taken up again whose round was left unfinished (inventory unwell, or the instance died) at least
     * {@code stalledFor} ago, oldest first.
     */
    public Uni<List<String>> stalledBackorderRounds(java.time.Duration stalledFor, int limit) {
        return NativeSql.of("""
                SELECT order_id FROM allocation
                WHERE status = 'PENDING' AND backorder_round
                  AND updated_at < now() - make_interval(secs => :seconds)
                ORDER BY updated_at LIMIT :limit""")
                .set("seconds", stalledFor.toMillis() / 1000.0)
                .set("limit", limit)
                .column()
                .map(AllocationRepository::textList);
    }

    /** A backorder taken up again: PENDING without a plan, its new round starting at its current attempt. */
    public Uni<Boolean> reopen(String orderId, int attempt) {
        return NativeSql.of("""
                UPDATE allocation SET status = 'PENDING', plan = NULL, reason = NULL, round_start = attempt,
                    backorder_round = true, updated_at = now(), decided_by = :instance
                WHERE order_id = :orderId AND status = 'BACKORDERED' AND attempt = :attempt""")
                .set("orderId", orderId).set("attempt", attempt)
                .set("instance", INSTANCE)
                .update()
                .map(count -> count == 1);
    }

    /** Only the status changes (cancelled, shipped); false when it was not {@code fromStatus} any more. */
    public Uni<Boolean> setStatus(String orderId, AllocationStatus fromStatus, AllocationStatus toStatus) {
        return NativeSql.of("""
                UPDATE allocation SET status = :to, updated_at = now() WHERE order_id = :orderId AND status = :from""")
                .set("orderId", orderId).set("from", fromStatus.name())
                .set("to", toStatus.name())
                .update()
                .map(count -> count == 1);
    }

    public Uni<List<ShipmentRow>> shipments(String orderId) {
        return NativeSql.of("""
                SELECT location, reservation_id, status, lines FROM allocation_shipment
                WHERE order_id = :orderId ORDER BY location""")
                .set("orderId", orderId)
                .list(row -> new ShipmentRow(Rows.text(row[0]), Rows.uuid(row[1]),
                        ShipmentStatus.valueOf(Rows.text(row[2])), Rows.text(row[3])));
    }

    public Uni<Boolean> setShipmentStatus(String orderId, String location, ShipmentStatus fromStatus,
            ShipmentStatus toStatus) {
        return NativeSql.of("""
                UPDATE allocation_shipment SET status = :to
                WHERE order_id = :orderId AND location = :location AND status = :from""")
                .set("orderId", orderId).set("location", location)
                .set("from", fromStatus.name()).set("to", toStatus.name())
                .update()
                .map(count -> count == 1);
    }
}
