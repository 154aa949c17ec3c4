package io.stockline.allocation.saga;

import static io.stockline.allocation.domain.AllocationStatus.BACKORDERED;
import static io.stockline.allocation.domain.AllocationStatus.CANCELLED;
import static io.stockline.allocation.domain.AllocationStatus.FAILED;
import static io.stockline.allocation.domain.AllocationStatus.PENDING;
import static io.stockline.allocation.domain.AllocationStatus.SHIPPED;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.AllocationStatus;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.RoutingPolicy;
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
import io.stockline.platform.outbox.OutboxBatch;
import io.stockline.platform.outbox.OutboxEvent;
import io.stockline.platform.outbox.OutboxTrace;

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
    private final OutboxBatch outboxBatch;
    private final AllocationEvents events;
    private final AllocationConfig config;
    private final ObjectMapper json;

    public OrderAllocationSteps(AllocationRepository allocations, ProcessedEvents processed,
            ReadModelPlanner planner, Outbox outbox, OutboxBatch outboxBatch, AllocationEvents events,
            AllocationConfig config, ObjectMapper json) {
        this.allocations = allocations;
        this.processed = processed;
        this.planner = planner;
        this.outbox = outbox;
        this.outboxBatch = outboxBatch;
        this.events = events;
        this.config = config;
        this.json = json;
    }

    /** An order placed, to begin: the event that placed it (null when there is none to record) and the order. */
    public record Begin(UUID eventId, OrderPlaced order) {
    }

    /**
     * Every shipment of a pending plan is held: the order to decide ALLOCATED, with the trace of the work that held it
     * (its decision's outbox rows carry it, whichever batch writes them).
     */
    public record Allocation(UUID eventId, Pending pending, List<Held> held, OutboxTrace trace) {
    }

    /**
     * Plans a new order from the read model and stores the plan as attempt 1 (or, when the read model cannot
     * cover it, attempt 0 without a plan); resumes a stored plan; or returns null when there is nothing to do
     * (event seen; order already decided, cancelled or shipped).
     */
    @WithTransaction
    public Uni<Pending> begin(UUID eventId, OrderPlaced order) {
        return beginEach(List.of(new Begin(eventId, order))).chain(answers -> answers.get(0));
    }

    /**
     * {@link #begin} for several orders in one transaction (a group gathered from the orders in flight), each answered
     * on its own: its pending plan, null, or a failure of its own (its row started meanwhile: it tries again) that
     * leaves the others' rows in place.
     */
    @WithTransaction
    public Uni<List<Uni<Pending>>> beginAll(List<Begin> begins) {
        return beginEach(begins);
    }

    private Uni<List<Uni<Pending>>> beginEach(List<Begin> begins) {
        List<OrderPlaced> orders = begins.stream().map(Begin::order).toList();
        List<UUID> eventIds = begins.stream().map(Begin::eventId).filter(Objects::nonNull).toList();
        // Every read the group may need, started together (one round trip): new orders, the common case, need them all.
        return Uni.combine().all().unis(processed.processedAmong(eventIds),
                allocations.find(orders.stream().map(OrderPlaced::orderId).toList()), planner.planAll(orders))
                .asTuple().chain(read -> {
                    Set<UUID> seen = read.getItem1();
                    Map<String, AllocationRow> rows = read.getItem2();
                    List<ReadModelPlanner.Planned> plans = read.getItem3();
                    List<Supplier<Uni<Pending>>> answers = new ArrayList<>();
                    List<AllocationRepository.NewPending> inserts = new ArrayList<>();
                    List<UUID> decidedAlready = new ArrayList<>();
                    Set<String> inGroup = new HashSet<>();
                    Set<String> inserted = new HashSet<>();
                    for (int i = 0; i < begins.size(); i++) {
                        Begin begin = begins.get(i);
                        OrderPlaced order = begin.order();
                        AllocationRow row = rows.get(order.orderId());
                        if (begin.eventId() != null && seen.contains(begin.eventId())) {
                            answers.add(() -> Uni.createFrom().nullItem());
                        } else if (!inGroup.add(order.orderId())) {
                            // one order twice in a group: the first begins it; this one tries again and finds its row
                            answers.add(() -> Uni.createFrom().failure(startedMeanwhile(order)));
                        } else if (row != null && row.status() != PENDING) {
                            Log.debugf("order %s is %s already", order.orderId(), row.status());
                            if (begin.eventId() != null) {
                                decidedAlready.add(begin.eventId());
                            }
                            answers.add(() -> Uni.createFrom().nullItem());
                        } else if (row != null) {
                            Pending resumed = pending(row);
                            answers.add(() -> Uni.createFrom().item(resumed));
                        } else {
                            // The read model may lag behind inventory: a short plan is made again from fresh figures
                            // (attempt 0, no plan yet) before anything is backordered.
                            AllocationPlan planned = plans.get(i).plan();
                            PendingPlan plan = planned.complete()
                                    ? new PendingPlan(expiresAt(order), planned.shipments(), planned.unfilled()) : null;
                            int attempt = plan == null ? 0 : 1;
                            inserts.add(new AllocationRepository.NewPending(order.orderId(), order.channel(), attempt,
                                    write(order), plan == null ? null : write(plan)));
                            Pending pending = new Pending(order, attempt, plan, 0, false);
                            answers.add(() -> inserted.contains(order.orderId()) ? Uni.createFrom().item(pending)
                                    : Uni.createFrom().failure(startedMeanwhile(order)));
                        }
                    }
                    return Uni.combine().all().unis(allocations.insertPending(inserts),
                            processed.markProcessed(decidedAlready)).asTuple().map(written -> {
                                inserted.addAll(written.getItem1());
                                return answers.stream().map(Supplier::get).toList();
                            });
                });
    }

    private static IllegalStateException startedMeanwhile(OrderPlaced order) {
        return new IllegalStateException("order " + order.orderId() + " started meanwhile");
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
        return allocateEach(List.of(new Allocation(eventId, pending, held, OutboxTrace.current())))
                .chain(answers -> answers.get(0));
    }

    /**
     * {@link #allocated} for several orders in one transaction: one guarded transition of their rows, then their
     * decisions, shipments and processed event ids written once each. An order whose row someone else moved first is
     * only marked processed, as alone; the others are decided all the same.
     */
    @WithTransaction
    public Uni<List<Uni<Void>>> allocatedAll(List<Allocation> decisions) {
        return allocateEach(decisions);
    }

    private Uni<List<Uni<Void>>> allocateEach(List<Allocation> decisions) {
        Set<String> inGroup = new HashSet<>();
        List<AllocationRepository.Allocated> rows = new ArrayList<>();
        for (Allocation decision : decisions) {
            Pending pending = decision.pending();
            List<OrderPlaced.Line> unfilled = pending.plan().unfilled();
            if (inGroup.add(pending.order().orderId())) {
                rows.add(new AllocationRepository.Allocated(pending.order().orderId(), pending.attempt(),
                        write(pending.plan()), unfilled.isEmpty() ? null : write(unfilled)));
            }
        }
        return allocations.allocate(rows).chain(moved -> {
            // The decisions and the rows they stand for commit together, or none does. They are started together
            // (one round trip; every one is a NativeSql statement, which may share the transaction's connection).
            List<OutboxBatch.Traced> decided = new ArrayList<>();
            List<AllocationRepository.NewShipment> shipments = new ArrayList<>();
            List<UUID> eventIds = new ArrayList<>();
            List<Uni<Void>> answers = new ArrayList<>();
            Set<String> answered = new HashSet<>();
            for (Allocation decision : decisions) {
                String orderId = decision.pending().order().orderId();
                if (!answered.add(orderId)) {
                    // one order twice in a group: decided by the first; this one tries again and finds it decided
                    answers.add(Uni.createFrom().failure(
                            new IllegalStateException("order " + orderId + " was decided meanwhile")));
                    continue;
                }
                if (decision.eventId() != null) {
                    eventIds.add(decision.eventId());
                }
                answers.add(Uni.createFrom().voidItem());
                if (!moved.contains(orderId)) {
                    Log.infof("order %s was decided meanwhile", orderId);
                    continue;
                }
                addDecision(decision, decided, shipments);
            }
            return Uni.combine().all().unis(outboxBatch.addEach(decided), allocations.insertShipments(shipments),
                    processed.markProcessed(eventIds)).discardItems().replaceWith(answers);
        });
    }

    /** The order's decision (and its backorder of what could not be planned) and its shipment rows, to write. */
    private void addDecision(Allocation decision, List<OutboxBatch.Traced> decided,
            List<AllocationRepository.NewShipment> shipments) {
        Pending pending = decision.pending();
        String orderId = pending.order().orderId();
        List<OrderPlaced.Line> unfilled = pending.plan().unfilled();
        List<AllocationEvents.Shipment> parcels = decision.held().stream()
                .map(h -> new AllocationEvents.Shipment(h.shipment().location(), h.reservationId(),
                        shipmentLines(h.shipment().lines())))
                .toList();
        decided.add(new OutboxBatch.Traced(events.decided(new AllocationDecided(orderId, parcels), pending.attempt()),
                decision.trace()));
        if (!unfilled.isEmpty()) {
            decided.add(new OutboxBatch.Traced(events.backordered(
                    new Backordered(orderId, shipmentLines(unfilled), shortageReason()), pending.attempt()),
                    decision.trace()));
        }
        for (Held shipment : decision.held()) {
            shipments.add(new AllocationRepository.NewShipment(orderId, shipment.shipment().location(),
                    shipment.reservationId(), write(shipment.shipment().lines())));
        }
        Log.infof("order %s allocated at attempt %d: %s", orderId, pending.attempt(),
                decision.held().stream().map(h -> h.shipment().location()).toList());
    }

    /**
     * An order to plan again (inventory refused its attempt, or the read model could not cover it), with the trace of
     * the work that refused it (its shortage decision's outbox row carries it, whichever group writes it).
     */
    public record Replan(UUID eventId, Pending refused, OutboxTrace trace) {
    }

    /**
     * Inventory refused the plan of this attempt (or the read model could not cover the order): plans again, from the
     * read model with inventory's fresh figures applied (the caller applies them first, {@code
     * ReadModelService.applyFresh}), as the next attempt, or decides the shortage when no plan is left. Null when
     * there is nothing more to reserve.
     */
    @WithTransaction
    public Uni<Pending> replan(UUID eventId, Pending refused) {
        return replanEach(List.of(new Replan(eventId, refused, OutboxTrace.current())))
                .chain(answers -> answers.get(0));
    }

    /**
     * {@link #replan} for several orders in one transaction (the orders in flight that ran short together, a flash
     * sale selling out): one read of the read model for all, one guarded transition of their rows, then their shortage
     * decisions and processed event ids written once each. Each order is answered on its own: its next attempt, or
     * null (decided, or its row moved meanwhile, which changes nothing for the others).
     */
    @WithTransaction
    public Uni<List<Uni<Pending>>> replanAll(List<Replan> replans) {
        return replanEach(replans);
    }

    private Uni<List<Uni<Pending>>> replanEach(List<Replan> replans) {
        return planner.planAll(replans.stream().map(replan -> replan.refused().order()).toList()).chain(plans -> {
            List<AllocationRepository.Transition> transitions = new ArrayList<>();
            List<Pending> nextAttempts = new ArrayList<>();
            Set<String> inGroup = new HashSet<>();
            for (int i = 0; i < replans.size(); i++) {
                Pending refused = replans.get(i).refused();
                OrderPlaced order = refused.order();
                ReadModelPlanner.Planned planned = plans.get(i);
                if (!inGroup.add(order.orderId())) {
                    nextAttempts.add(null); // one order twice in a group: the first moves its row, as alone
                } else if (planned.plan().empty()) {
                    AllocationStatus status = planned.policy().shortage() == ShortagePolicy.FAIL ? FAILED : BACKORDERED;
                    transitions.add(new AllocationRepository.Transition(order.orderId(), refused.attempt(), status,
                            refused.attempt(), null, shortageReason(), write(order.lines())));
                    nextAttempts.add(null);
                } else {
                    PendingPlan plan = new PendingPlan(expiresAt(order), planned.plan().shipments(),
                            planned.plan().unfilled());
                    int next = refused.attempt() + 1;
                    transitions.add(new AllocationRepository.Transition(order.orderId(), refused.attempt(), PENDING,
                            next, write(plan), null, null));
                    nextAttempts.add(new Pending(order, next, plan, refused.roundStart(), refused.backorderRetry()));
                }
            }
            return allocations.transitionAll(transitions).chain(moved -> {
                List<OutboxBatch.Traced> shortages = new ArrayList<>();
                List<UUID> finished = new ArrayList<>();
                List<Uni<Pending>> answers = new ArrayList<>();
                for (int i = 0; i < replans.size(); i++) {
                    Replan replan = replans.get(i);
                    Pending next = nextAttempts.get(i);
                    String orderId = replan.refused().order().orderId();
                    if (next != null) {
                        answers.add(Uni.createFrom().item(moved.contains(orderId) ? next : null));
                        continue;
                    }
                    answers.add(Uni.createFrom().nullItem());
                    if (!plans.get(i).plan().empty()) {
                        continue; // the duplicate of an order planned again in this group
                    }
                    if (replan.eventId() != null) {
                        finished.add(replan.eventId());
                    }
                    // a backorder taken up again that is still short says nothing new
                    if (moved.remove(orderId) && !replan.refused().backorderRetry()) {
                        shortages.add(new OutboxBatch.Traced(shortage(replan.refused(), plans.get(i).policy()),
                                replan.trace()));
                    }
                }
                return Uni.combine().all().unis(outboxBatch.addEach(shortages), processed.markProcessed(finished))
                        .discardItems().replaceWith(answers);
            });
        });
    }

    /** The decision for an order no location can cover: failed or backordered, as its channel's policy says. */
    private OutboxEvent shortage(Pending refused, RoutingPolicy policy) {
        OrderPlaced order = refused.order();
        boolean fail = policy.shortage() == ShortagePolicy.FAIL;
        Log.infof("order %s %s: %s", order.orderId(), fail ? FAILED : BACKORDERED, shortageReason());
        return fail ? events.failed(new AllocationFailed(order.orderId(), shortageReason()), refused.attempt())
                : events.backordered(new Backordered(order.orderId(), shipmentLines(order.lines()), shortageReason()),
                        refused.attempt());
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

    @WithConnection
    public Uni<List<String>> backordersWithNewStock(int limit) {
        return allocations.backordersWithNewStock(limit);
    }

    @WithConnection
    public Uni<List<String>> stalledBackorderRounds(Duration stalledFor, int limit) {
        return allocations.stalledBackorderRounds(stalledFor, limit);
    }

    /** The round of a backorder taken up again, where it was left (null when it has been decided meanwhile). */
    @WithConnection
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

    @WithConnection
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
