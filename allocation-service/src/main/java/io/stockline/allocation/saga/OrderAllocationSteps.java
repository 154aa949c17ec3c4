package io.stockline.allocation.saga;

import static io.stockline.allocation.domain.AllocationStatus.ALLOCATED;
import static io.stockline.allocation.domain.AllocationStatus.BACKORDERED;
import static io.stockline.allocation.domain.AllocationStatus.CANCELLED;
import static io.stockline.allocation.domain.AllocationStatus.FAILED;
import static io.stockline.allocation.domain.AllocationStatus.PENDING;
import static io.stockline.allocation.domain.AllocationStatus.SHIPPED;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.AllocationStatus;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.ShipmentStatus;
import io.stockline.allocation.domain.ShortagePolicy;
import io.stockline.allocation.messaging.AllocationEvents;
import io.stockline.allocation.messaging.AllocationEvents.AllocationDecided;
import io.stockline.allocation.messaging.AllocationEvents.AllocationFailed;
import io.stockline.allocation.messaging.AllocationEvents.Backordered;
import io.stockline.allocation.messaging.AllocationEvents.ShipmentLine;
import io.stockline.allocation.repository.AllocationRepository;
import io.stockline.allocation.repository.AllocationRepository.AllocationRow;
import io.stockline.allocation.repository.AllocationRepository.ShipmentRow;
import io.stockline.allocation.service.ReadModelPlanner;
import io.stockline.platform.events.ProcessedEvents;
import io.stockline.platform.outbox.Outbox;

/**
 * The saga's local transactions. Each step changes the allocation row only from the state it expects (status
 * and attempt), writes the decision it makes to the outbox in the same transaction (so a decision rolled back is
 * never published, and one committed always is), and records the event id when it finishes an event.
 */
@ApplicationScoped
public class OrderAllocationSteps {

    /** An order with a plan to reserve at the given attempt; attempt 0 has no plan: it awaits fresh figures. */
    public record Pending(OrderPlaced order, int attempt, PendingPlan plan, int roundStart, boolean backorderRetry) {

        /** Plans inventory refused in this round (a backorder taken up again starts a new round). */
        public int attemptsThisRound() {
            return attempt - roundStart;
        }
    }

    /** A shipment inventory holds: one reservation per location. */
    public record Held(AllocationPlan.Shipment shipment, UUID reservationId) {
    }

    /** What an order's row says, for cancel and ship. */
    public record Snapshot(boolean processed, AllocationRow row, List<ShipmentRow> shipments) {
    }

    private final AllocationRepository allocations;
    private final ProcessedEvents processed;
    private final ReadModelPlanner planner;
    private final Outbox outbox;
    private final AllocationEvents events;
    private final AllocationConfig config;
    private final ObjectMapper json;

    public OrderAllocationSteps(AllocationRepository allocations, ProcessedEvents processed,
            ReadModelPlanner planner, Outbox outbox, AllocationEvents events,
            AllocationConfig config, ObjectMapper json) {
        this.allocations = allocations;
        this.processed = processed;
        this.planner = planner;
        this.outbox = outbox;
        this.events = events;
        this.config = config;
        this.json = json;
    }

    /**
     * Plans a new order from the read model and stores the plan as attempt 1 (or, when the read model cannot
     * cover it, attempt 0 without a plan); resumes a stored plan; or returns null when there is nothing to do
     * (event seen; order already decided, cancelled or shipped).
     */
    @WithTransaction
    public Uni<Pending> begin(UUID eventId, OrderPlaced order) {
        // Every read the step may need, started together (one round trip): a new order, the common case, needs them all.
        return Uni.combine().all().unis(processed.isProcessed(eventId), allocations.find(order.orderId()),
                planner.plan(order)).asTuple().chain(read -> {
                    if (read.getItem1()) {
                        return Uni.createFrom().<Pending>nullItem();
                    }
                    AllocationRow row = read.getItem2();
                    if (row != null && row.status() != PENDING) {
                        Log.debugf("order %s is %s already", order.orderId(), row.status());
                        return processed.markProcessed(eventId).replaceWith((Pending) null);
                    }
                    if (row != null) {
                        return Uni.createFrom().item(pending(row));
                    }
                    ReadModelPlanner.Planned planned = read.getItem3();
                    // The read model may lag behind inventory: a short plan is made again from fresh figures
                    // (attempt 0, no plan yet) before anything is backordered.
                    boolean complete = planned.plan().complete();
                    PendingPlan plan = complete ? new PendingPlan(expiresAt(order), planned.plan().shipments(),
                            planned.plan().unfilled()) : null;
                    int attempt = complete ? 1 : 0;
                    return allocations.insert(order.orderId(), PENDING, order.channel(), attempt, write(order),
                            plan == null ? null : write(plan), null, null).map(inserted -> {
                        if (!inserted) {
                            throw new IllegalStateException("order " + order.orderId() + " started meanwhile");
                        }
                        return new Pending(order, attempt, plan, 0, false);
                    });
                });
    }

    /** The stored plan of a PENDING row, to resume it. */
    public Pending pending(AllocationRow row) {
        return new Pending(read(row.orderPayload(), OrderPlaced.class), row.attempt(),
                row.plan() == null ? null : read(row.plan(), PendingPlan.class), row.roundStart(),
                row.backorderRound());
    }

    /** Every shipment is held: the order is allocated (and what could not be planned backordered). */
    @WithTransaction
    public Uni<Void> allocated(UUID eventId, Pending pending, List<Held> held) {
        String orderId = pending.order().orderId();
        List<OrderPlaced.Line> unfilled = pending.plan().unfilled();
        return allocations.transition(orderId, PENDING, pending.attempt(), ALLOCATED, pending.attempt(),
                write(pending.plan()), null, unfilled.isEmpty() ? null : write(unfilled)).chain(moved -> {
            if (!moved) {
                Log.infof("order %s was decided meanwhile", orderId);
                return markProcessed(eventId);
            }
            List<AllocationEvents.Shipment> shipments = held.stream()
                    .map(h -> new AllocationEvents.Shipment(h.shipment().location(), h.reservationId(),
                            shipmentLines(h.shipment().lines())))
                    .toList();
            // The decision and the rows it stands for commit together, or neither does. They are started together
            // (one round trip; every one is a NativeSql statement, which may share the transaction's connection).
            List<Uni<Void>> writes = new ArrayList<>();
            writes.add(outbox.add(events.decided(new AllocationDecided(orderId, shipments), pending.attempt())));
            if (!unfilled.isEmpty()) {
                writes.add(outbox.add(events.backordered(
                        new Backordered(orderId, shipmentLines(unfilled), shortageReason()), pending.attempt())));
            }
            for (Held shipment : held) {
                writes.add(allocations.insertShipment(orderId, shipment.shipment().location(),
                        shipment.reservationId(), write(shipment.shipment().lines())));
            }
            if (eventId != null) {
                writes.add(processed.markProcessed(eventId).replaceWithVoid());
            }
            Log.infof("order %s allocated at attempt %d: %s", orderId, pending.attempt(),
                    held.stream().map(h -> h.shipment().location()).toList());
            return Uni.join().all(writes).andFailFast().replaceWithVoid();
        });
    }

    /**
     * Inventory refused the plan of this attempt (or the read model could not cover the order): plans again, from the
     * read model with inventory's fresh figures applied (the caller applies them first, {@code
     * ReadModelService.applyFresh}), as the next attempt, or decides the shortage when no plan is left. Null when
     * there is nothing more to reserve.
     */
    @WithTransaction
    public Uni<Pending> replan(UUID eventId, Pending refused) {
        OrderPlaced order = refused.order();
        return planner.plan(order).chain(planned -> {
            if (planned.plan().empty()) {
                AllocationStatus status = planned.policy().shortage() == ShortagePolicy.FAIL ? FAILED : BACKORDERED;
                return allocations.transition(order.orderId(), PENDING, refused.attempt(), status, refused.attempt(),
                        null, shortageReason(), write(order.lines()))
                        // a backorder taken up again that is still short says nothing new
                        .chain(moved -> moved && !refused.backorderRetry()
                                ? publishShortage(order.orderId(), status, order.lines(), refused.attempt())
                                : Uni.createFrom().voidItem())
                        .chain(() -> markProcessed(eventId)).replaceWith((Pending) null);
            }
            PendingPlan plan = new PendingPlan(expiresAt(order), planned.plan().shipments(), planned.plan().unfilled());
            int next = refused.attempt() + 1;
            return allocations.transition(order.orderId(), PENDING, refused.attempt(), PENDING, next, write(plan),
                    null, null).map(moved -> moved
                            ? new Pending(order, next, plan, refused.roundStart(), refused.backorderRetry()) : null);
        });
    }

    /** The order cannot be allocated: inventory refused it for good, or kept refusing. */
    @WithTransaction
    public Uni<Void> failed(UUID eventId, Pending pending, String reason) {
        String orderId = pending.order().orderId();
        Log.infof("order %s not allocated: %s", orderId, reason);
        return allocations.transition(orderId, PENDING, pending.attempt(), FAILED, pending.attempt(), null, reason,
                        null)
                .chain(moved -> moved
                        ? outbox.add(events.failed(new AllocationFailed(orderId, reason), pending.attempt()))
                        : Uni.createFrom().voidItem())
                .chain(() -> markProcessed(eventId));
    }

    @WithSession
    public Uni<List<String>> backordersWithNewStock(int limit) {
        return allocations.backordersWithNewStock(limit);
    }

    @WithSession
    public Uni<List<String>> stalledBackorderRounds(Duration stalledFor, int limit) {
        return allocations.stalledBackorderRounds(stalledFor, limit);
    }

    /** The round of a backorder taken up again, where it was left (null when it has been decided meanwhile). */
    @WithSession
    public Uni<Pending> stalledRound(String orderId) {
        return allocations.find(orderId).map(row -> row != null && row.status() == PENDING && row.backorderRound()
                ? pending(row) : null);
    }

    /** Takes a backorder up again (null when it is no longer one): planned anew from fresh figures. */
    @WithTransaction
    public Uni<Pending> reopen(String orderId) {
        return allocations.find(orderId).chain(row -> row == null || row.status() != BACKORDERED
                ? Uni.createFrom().nullItem()
                : allocations.reopen(orderId, row.attempt()).map(moved -> moved
                        ? new Pending(read(row.orderPayload(), OrderPlaced.class), row.attempt(), null, row.attempt(),
                                true)
                        : null));
    }

    @WithSession
    public Uni<Snapshot> snapshot(UUID eventId, String orderId) {
        return processed.isProcessed(eventId).chain(seen -> seen ? Uni.createFrom().item(new Snapshot(true, null, List.of()))
                : allocations.find(orderId).chain(row -> row == null
                        ? Uni.createFrom().item(new Snapshot(false, null, List.of()))
                        : allocations.shipments(orderId).map(shipments -> new Snapshot(false, row, shipments))));
    }

    /**
     * The order is cancelled; its shipments' reservations were released. An order not seen yet gets a CANCELLED
     * row, so that its order placed, when it comes, holds nothing.
     */
    @WithTransaction
    public Uni<Void> cancelled(UUID eventId, String orderId, AllocationStatus fromStatus,
            List<String> releasedLocations) {
        Uni<Boolean> moved = fromStatus == null
                ? allocations.insert(orderId, CANCELLED, null, 0, null, null, "cancelled before it was placed", null)
                : allocations.setStatus(orderId, fromStatus, CANCELLED);
        return moved.chain(done -> {
            if (!done) {
                throw new IllegalStateException("order " + orderId + " changed meanwhile; trying again");
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String location : releasedLocations) {
                chain = chain.chain(() -> allocations.setShipmentStatus(orderId, location, ShipmentStatus.HELD,
                        ShipmentStatus.RELEASED)
                        .replaceWithVoid());
            }
            return chain.chain(() -> markProcessed(eventId));
        });
    }

    /** Shipments left their locations (their reservations committed); the order is SHIPPED when all did. */
    @WithTransaction
    public Uni<Void> shipped(UUID eventId, String orderId, AllocationStatus fromStatus,
            List<String> committedLocations) {
        if (fromStatus == null) {
            return allocations.insert(orderId, SHIPPED, null, 0, null, null, "shipped before it was placed", null)
                    .chain(() -> markProcessed(eventId));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String location : committedLocations) {
            chain = chain.chain(() -> allocations.setShipmentStatus(orderId, location, ShipmentStatus.HELD,
                    ShipmentStatus.COMMITTED)
                    .replaceWithVoid());
        }
        return chain.chain(() -> allocations.shipments(orderId))
                .chain(shipments -> shipments.stream().allMatch(s -> s.status() == ShipmentStatus.COMMITTED)
                        ? allocations.setStatus(orderId, fromStatus, SHIPPED).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> markProcessed(eventId));
    }

    @WithTransaction
    public Uni<Void> markProcessed(UUID eventId) {
        return eventId == null ? Uni.createFrom().voidItem() : processed.markProcessed(eventId).replaceWithVoid();
    }

    private Uni<Void> publishShortage(String orderId, AllocationStatus status, List<OrderPlaced.Line> lines,
            int attempt) {
        Log.infof("order %s %s: %s", orderId, status, shortageReason());
        return outbox.add(status == FAILED
                ? events.failed(new AllocationFailed(orderId, shortageReason()), attempt)
                : events.backordered(new Backordered(orderId, shipmentLines(lines), shortageReason()), attempt));
    }

    private static String shortageReason() {
        return "no eligible location holds enough stock";
    }

    private OffsetDateTime expiresAt(OrderPlaced order) {
        return order.paid() ? null : OffsetDateTime.now(ZoneOffset.UTC).plus(config.unpaidHold())
                .withNano(0); // whole seconds: the stored body and a retried one must hash alike
    }

    static List<ShipmentLine> shipmentLines(List<OrderPlaced.Line> lines) {
        return lines.stream().map(line -> new ShipmentLine(line.line(), line.sku(), line.quantity())).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
