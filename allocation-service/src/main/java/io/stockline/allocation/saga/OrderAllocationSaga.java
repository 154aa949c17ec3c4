package io.stockline.allocation.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.config.AllocationConfig;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.AllocationStatus;
import io.stockline.allocation.domain.OrderCancelled;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.OrderShipped;
import io.stockline.allocation.domain.ShipmentStatus;
import io.stockline.allocation.repository.AllocationRepository.ShipmentRow;
import io.stockline.allocation.saga.OrderAllocationSteps.Held;
import io.stockline.allocation.saga.OrderAllocationSteps.Pending;
import io.stockline.allocation.service.InventoryClient;
import io.stockline.allocation.service.InventoryHolds;

/**
 * An order's allocation as a saga across this service's database and inventory's reservations: plan (a local
 * step), reserve each shipment in inventory, plan again when inventory refuses, decide (a local step that writes
 * the decision to the outbox). The calls to inventory happen between the steps' transactions: a plan is stored
 * before it is reserved, under idempotency keys of its attempt, so a retry after any failure holds the same stock
 * rather than more; a refused attempt is compensated by releasing what it held. Inventory is asked at most
 * {@code stockline.allocation.max-attempts} times per round. Cancel and shipment settle what the order holds.
 */
@ApplicationScoped
public class OrderAllocationSaga {

    private final OrderAllocationSteps steps;
    private final OrderStepGroups groups;
    private final InventoryClient inventory;
    private final InventoryHolds holds;
    private final AllocationConfig config;

    public OrderAllocationSaga(OrderAllocationSteps steps, OrderStepGroups groups, @RestClient InventoryClient inventory,
            InventoryHolds holds, AllocationConfig config) {
        this.steps = steps;
        this.groups = groups;
        this.inventory = inventory;
        this.holds = holds;
        this.config = config;
    }

    public Uni<Void> onOrderPlaced(UUID eventId, OrderPlaced order) {
        return groups.begin(eventId, order).chain(pending -> pending == null ? Uni.createFrom().voidItem()
                : reserve(eventId, pending));
    }

    /** The outcome of asking inventory to hold a plan's shipments. */
    private record Attempt(List<Held> held, String refusal, boolean permanent) {
    }

    private Uni<Void> reserve(UUID eventId, Pending pending) {
        if (pending.plan() == null) {
            return replan(eventId, pending);
        }
        return holdShipments(pending).chain(attempt -> {
            if (attempt.refusal() == null) {
                return groups.allocated(eventId, pending, attempt.held());
            }
            Log.debugf("order %s attempt %d refused: %s", pending.order().orderId(), pending.attempt(),
                    attempt.refusal());
            Uni<Void> released = release(attempt.held());
            if (attempt.permanent()) {
                return released.chain(() -> steps.failed(eventId, pending, attempt.refusal()));
            }
            if (pending.attemptsThisRound() >= config.maxAttempts()) {
                return released.chain(() -> steps.failed(eventId, pending, "inventory refused "
                        + pending.attemptsThisRound() + " plans in a row (stock kept moving): " + attempt.refusal()));
            }
            return released.chain(() -> replan(eventId, pending));
        });
    }

    /** Plans the order again from inventory's fresh figures and reserves the next attempt, if there is one. */
    private Uni<Void> replan(UUID eventId, Pending pending) {
        return groups.replan(eventId, pending)
                .chain(next -> next == null ? Uni.createFrom().voidItem() : reserve(eventId, next));
    }

    /** Holds each shipment in turn; stops at the first refusal, returning what it held so far. */
    private Uni<Attempt> holdShipments(Pending pending) {
        List<Held> held = new ArrayList<>();
        Uni<Attempt> chain = Uni.createFrom().item(new Attempt(held, null, false));
        for (AllocationPlan.Shipment shipment : pending.plan().shipments()) {
            chain = chain.chain(sofar -> sofar.refusal() != null ? Uni.createFrom().item(sofar)
                    : holdShipment(pending, shipment).map(outcome -> {
                        if (outcome.refusal() == null) {
                            held.addAll(outcome.held());
                            return sofar;
                        }
                        held.addAll(outcome.held()); // a replayed hold that is no longer active, to release
                        return new Attempt(held, outcome.refusal(), outcome.permanent());
                    }));
        }
        return chain;
    }

    private Uni<Attempt> holdShipment(Pending pending, AllocationPlan.Shipment shipment) {
        String orderId = pending.order().orderId();
        List<InventoryClient.ReservationLine> lines = shipment.lines().stream()
                .map(line -> new InventoryClient.ReservationLine(line.line(), line.sku(), shipment.location(),
                        line.quantity()))
                .toList();
        String key = "allocation-" + orderId + "-" + pending.attempt() + "-" + shipment.location();
        return holds.hold(key, new InventoryClient.ReservationRequest(orderId, lines, pending.plan().expiresAt()))
                .map(reservation -> "ACTIVE".equals(reservation.status())
                        ? new Attempt(List.of(new Held(shipment, reservation.id())), null, false)
                        // the same key answered with a hold released since (a retry after a crash): plan again
                        : new Attempt(List.of(new Held(shipment, reservation.id())),
                                "hold at " + shipment.location() + " is " + reservation.status(), false))
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    String detail = shipment.location() + " refused: HTTP " + status + " " + problemDetail(failure);
                    return switch (status) {
                        case 409 -> Uni.createFrom().item(new Attempt(List.of(), detail, false));
                        case 400, 404, 422 -> Uni.createFrom().item(new Attempt(List.of(), detail, true));
                        default -> Uni.createFrom().failure(failure); // inventory unwell: the order waits and retries
                    };
                });
    }

    private static String problemDetail(Throwable failure) {
        try {
            return ((WebApplicationException) failure).getResponse().readEntity(String.class);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private Uni<Void> release(List<Held> held) {
        return Multi.createFrom().iterable(held)
                .onItem().transformToUniAndConcatenate(h -> releaseReservation(h.reservationId()))
                .collect().last().replaceWithVoid();
    }

    /** Releasing twice is harmless; a hold that expired or was committed has nothing to give back. */
    private Uni<Void> releaseReservation(UUID reservationId) {
        return inventory.release(reservationId).replaceWithVoid()
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    if (status == 409 || status == 404) {
                        Log.infof("reservation %s not released: HTTP %d", reservationId, status);
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    /**
     * Takes up again the backorders whose SKUs gained stock since they were planned, oldest first; one that is
     * still short stays backordered, silently.
     */
    public Uni<Void> retryBackorders(int limit) {
        return resumeStalledRounds(limit).chain(() -> steps.backordersWithNewStock(limit))
                .onItem().transformToMulti(orderIds -> Multi.createFrom().iterable(orderIds))
                .onItem().transformToUniAndConcatenate(orderId -> steps.reopen(orderId)
                        .chain(pending -> pending == null ? Uni.createFrom().voidItem() : reserve(null, pending))
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("backorder %s not taken up again: %s", orderId, failure.toString());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    /**
     * Finishes the rounds of backorders taken up again that a failure left PENDING (inventory answered 5xx or not at
     * all, or the instance was killed mid-round): no order event will come for them, so the sweep resumes each where
     * it was left (the same attempt's keys hold the same stock; a row decided meanwhile is left as it is).
     */
    private Uni<Void> resumeStalledRounds(int limit) {
        return steps.stalledBackorderRounds(config.stalledRoundAfter(), limit)
                .onItem().transformToMulti(orderIds -> Multi.createFrom().iterable(orderIds))
                .onItem().transformToUniAndConcatenate(orderId -> steps.stalledRound(orderId)
                        .chain(pending -> pending == null ? Uni.createFrom().voidItem() : reserve(null, pending))
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("backorder %s: its round stays unfinished for now: %s", orderId,
                                    failure.toString());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    /** Releases what the order holds; a cancel that comes first leaves a mark, so the order never holds stock. */
    public Uni<Void> onOrderCancelled(UUID eventId, OrderCancelled cancel) {
        return steps.snapshot(eventId, cancel.orderId()).chain(snapshot -> {
            if (snapshot.processed()) {
                return Uni.createFrom().voidItem();
            }
            if (snapshot.row() == null) {
                return steps.cancelled(eventId, cancel.orderId(), null, List.of());
            }
            AllocationStatus status = snapshot.row().status();
            return switch (status) {
                case PENDING -> resume(snapshot).chain(() -> onOrderCancelled(eventId, cancel));
                case ALLOCATED -> {
                    List<ShipmentRow> held = snapshot.shipments().stream()
                            .filter(s -> s.status() == ShipmentStatus.HELD).toList();
                    yield Multi.createFrom().iterable(held)
                            .onItem().transformToUniAndConcatenate(s -> releaseReservation(s.reservationId()))
                            .collect().last()
                            .chain(() -> steps.cancelled(eventId, cancel.orderId(), status,
                                    held.stream().map(ShipmentRow::location).toList()));
                }
                case BACKORDERED, FAILED -> steps.cancelled(eventId, cancel.orderId(), status, List.of());
                case CANCELLED, SHIPPED -> {
                    Log.infof("order %s is %s: cancel ignored", cancel.orderId(), status);
                    yield steps.markProcessed(eventId);
                }
            };
        });
    }

    /**
     * Commits the reservation of each location a parcel left. Inventory commits whole reservations, so a parcel
     * commits its location's whole hold even when it names fewer units than were held there.
     */
    public Uni<Void> onOrderShipped(UUID eventId, OrderShipped shipped) {
        return steps.snapshot(eventId, shipped.orderId()).chain(snapshot -> {
            if (snapshot.processed()) {
                return Uni.createFrom().voidItem();
            }
            if (snapshot.row() == null) {
                Log.warnf("order %s shipped before it was placed: nothing held to commit", shipped.orderId());
                return steps.shipped(eventId, shipped.orderId(), null, List.of());
            }
            AllocationStatus status = snapshot.row().status();
            if (status == AllocationStatus.PENDING) {
                return resume(snapshot).chain(() -> onOrderShipped(eventId, shipped));
            }
            if (status != AllocationStatus.ALLOCATED) {
                Log.warnf("order %s is %s: shipment ignored", shipped.orderId(), status);
                return steps.markProcessed(eventId);
            }
            Set<String> parcels = new TreeSet<>();
            shipped.shipments().forEach(parcel -> parcels.add(parcel.location()));
            List<ShipmentRow> toCommit = snapshot.shipments().stream()
                    .filter(s -> s.status() == ShipmentStatus.HELD && parcels.contains(s.location())).toList();
            parcels.stream().filter(location -> snapshot.shipments().stream().noneMatch(s -> s.location().equals(location)))
                    .forEach(location -> Log.warnf("order %s shipped from %s, where it held nothing", shipped.orderId(),
                            location));
            List<String> committed = new ArrayList<>();
            return Multi.createFrom().iterable(toCommit)
                    .onItem().transformToUniAndConcatenate(s -> inventory.commit(s.reservationId())
                            .invoke(() -> committed.add(s.location())).replaceWithVoid()
                            .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                                int code = ((WebApplicationException) failure).getResponse().getStatus();
                                if (code == 409 || code == 404) {
                                    Log.warnf("order %s: reservation %s at %s not committed (HTTP %d)",
                                            shipped.orderId(), s.reservationId(), s.location(), code);
                                    return Uni.createFrom().voidItem();
                                }
                                return Uni.createFrom().failure(failure);
                            }))
                    .collect().last()
                    .chain(() -> steps.shipped(eventId, shipped.orderId(), status, committed));
        });
    }

    /** Finishes the reservation of a plan a crash left pending, so a cancel or shipment finds it settled. */
    private Uni<Void> resume(OrderAllocationSteps.Snapshot snapshot) {
        return reserve(null, steps.pending(snapshot.row()));
    }
}
