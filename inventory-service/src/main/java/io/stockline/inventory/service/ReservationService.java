package io.stockline.inventory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Bundle;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.ItemStatus;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.Reservation;
import io.stockline.inventory.domain.Reservation.Status;
import io.stockline.inventory.domain.StockShortage;
import io.stockline.inventory.domain.SupplierOrderRequest;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.Location;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.ReservationRepository;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.repository.SupplierOrderRequestRepository;

/**
 * Holds stock for orders. Every line moves available to committed through the guarded update, in one
 * transaction: if any line cannot be held the whole reservation fails and nothing changes. A dropship item's line
 * holds none of our stock: it takes the units from its supplier's availability (committed at the SUPPLIER location,
 * so channels stop selling them) and records a supplier order request, confirmed on commit, cancelled on release.
 */
@ApplicationScoped
public class ReservationService {

    public record Outcome(Reservation reservation, boolean replayed) {
    }

    static final String EXPIRY_ACTOR = "system:expiry";

    private final StockLedger ledger;
    private final StockRepository stock;
    private final ReservationRepository reservations;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final ObjectMapper json;
    private final BundleRepository bundles;
    private final BundleAvailability bundleAvailability;
    private final Idempotency idempotency;
    private final SupplierOrderRequestRepository supplierOrderRequests;

    public ReservationService(StockLedger ledger, StockRepository stock, ReservationRepository reservations,
            ItemRepository items, LocationRepository locations, ObjectMapper json, Idempotency idempotency,
            BundleRepository bundles, BundleAvailability bundleAvailability,
            SupplierOrderRequestRepository supplierOrderRequests) {
        this.supplierOrderRequests = supplierOrderRequests;
        this.ledger = ledger;
        this.stock = stock;
        this.reservations = reservations;
        this.items = items;
        this.locations = locations;
        this.json = json;
        this.bundles = bundles;
        this.bundleAvailability = bundleAvailability;
        this.idempotency = idempotency;
    }

    /**
     * Holds every line or none. The lines are first worked out into the holds they make (a bundle's line into its
     * parts at the location chosen for it), then held in (SKU, location) order, the order every change takes stock
     * rows in, so two reservations naming the same SKUs in opposite orders queue up instead of deadlocking.
     */
    @WithTransaction
    public Uni<Outcome> reserve(ReservationRequest request, String idempotencyKey, String actor) {
        return reserve(request, RequestFingerprint.of(json, request), idempotencyKey, actor);
    }

    /** {@link #reserve} with the request's fingerprint already taken (by a caller that tried the group first). */
    @WithTransaction
    public Uni<Outcome> reserve(ReservationRequest request, String requestHash, String idempotencyKey, String actor) {
        return idempotency.once(KeyLocks.Scope.RESERVATION_IDEMPOTENCY_KEY, actor, idempotencyKey, requestHash,
                () -> reservations.findByIdempotencyKey(actor, idempotencyKey), Reservation::requestHash,
                first -> new Outcome(first, true), () -> {
            requireDistinctLines(request);
            if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now())) {
                throw RuleViolation.unprocessable("expiresAt", "a hold must expire in the future");
            }
            UUID id = UUID.randomUUID();
            List<PlannedHold> planned = new ArrayList<>();
            Uni<Void> planning = Uni.createFrom().voidItem();
            for (int i = 0; i < request.lines().size(); i++) {
                ReservationRequest.Line line = request.lines().get(i);
                String field = "lines[" + i + "].quantity";
                planning = planning.chain(() -> plan(line, field).invoke(planned::addAll)).replaceWithVoid();
            }
            List<Reservation.Line> held = new ArrayList<>();
            List<SupplierOrderRequestRepository.NewRequest> supplierRequests = new ArrayList<>();
            return planning.chain(() -> {
                planned.sort(PlannedHold.LOCK_ORDER);
                Uni<Void> holding = Uni.createFrom().voidItem();
                for (PlannedHold hold : planned) {
                    holding = holding.chain(() -> hold(hold, id, request.orderId(), actor, supplierRequests)
                            .invoke(held::add)).replaceWithVoid();
                }
                return holding;
            }).chain(() -> {
                held.sort(Comparator.comparingInt(Reservation.Line::line).thenComparing(Reservation.Line::sku));
                Reservation reservation = new Reservation(id, request.orderId(), Status.ACTIVE, requestHash,
                        request.expiresAt(), List.copyOf(held), actor);
                Uni<Void> inserted = reservations.insert(reservation, idempotencyKey).replaceWithVoid();
                for (SupplierOrderRequestRepository.NewRequest supplierRequest : supplierRequests) {
                    inserted = inserted.chain(() -> supplierOrderRequests.insert(supplierRequest));
                }
                return inserted.replaceWith(new Outcome(reservation, false));
            });
        });
    }

    /**
     * One stock row a reservation takes: {@code quantity} of {@code sku} at {@code location}, or, when the location
     * is null, at the first of the candidates (worked out when it is held) that takes it. A bundle's part names the
     * {@code bundle}; a {@code dropship} hold takes a supplier's availability.
     */
    private record PlannedHold(int line, String sku, String location, long quantity, String bundle, String field,
            boolean backorderAllowed, boolean dropship) {

        /** (SKU, location), as every change takes stock rows; a location chosen when held sorts after those named. */
        static final Comparator<PlannedHold> LOCK_ORDER = Comparator.comparing(PlannedHold::sku)
                .thenComparing(PlannedHold::location, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(PlannedHold::line);
    }

    private static void requireDistinctLines(ReservationRequest request) {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).line())) {
                throw RuleViolation.unprocessable("lines[" + i + "].line", "line numbers must be unique in a reservation");
            }
        }
    }

    /** Checks the line and works out the holds it makes; takes no stock. */
    private Uni<List<PlannedHold>> plan(ReservationRequest.Line line, String field) {
        String skuField = field.replace("quantity", "sku");
        String locationField = field.replace("quantity", "location");
        return items.findById(line.sku())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound(skuField, "no item " + line.sku()))
                .chain(item -> {
                    if (item.status == ItemStatus.DISCONTINUED) {
                        throw RuleViolation.unprocessable(skuField, line.sku() + " is discontinued");
                    }
                    if (item.kind == ItemKind.DROPSHIP) {
                        Uni<String> location = line.location() == null ? Uni.createFrom().nullItem()
                                : locations.findById(line.location())
                                        .onItem().ifNull().failWith(() -> RuleViolation.notFound(locationField,
                                                "no location " + line.location()))
                                        .map(found -> {
                                            if (found.type.holdsOwnStock()) {
                                                throw RuleViolation.unprocessable(locationField, line.sku()
                                                        + " is dropshipped: it holds no stock at " + line.location()
                                                        + ", only at its suppliers' locations");
                                            }
                                            return found.code;
                                        });
                        return location.map(code -> List.of(new PlannedHold(line.line(), line.sku(), code,
                                line.quantity(), null, field, false, true)));
                    }
                    Uni<String> location;
                    if (line.location() != null) {
                        location = locations.findById(line.location())
                                .onItem().ifNull().failWith(() -> RuleViolation.notFound(locationField,
                                        "no location " + line.location()))
                                .map(found -> {
                                    if (!found.type.holdsOwnStock()) {
                                        throw RuleViolation.unprocessable(locationField, line.location()
                                                + " shows a dropship supplier's availability and holds no stock of "
                                                + line.sku());
                                    }
                                    return found.code;
                                });
                    } else if (item.kind == ItemKind.BUNDLE) {
                        location = bestLocationForBundle(line, field);
                    } else {
                        location = Uni.createFrom().nullItem();
                    }
                    return location.chain(code -> item.kind == ItemKind.BUNDLE ? bundleParts(line, code, field)
                            : Uni.createFrom().item(List.of(new PlannedHold(line.line(), line.sku(), code,
                                    line.quantity(), null, field, item.backorderAllowed, false))));
                });
    }

    /**
     * A bundle's line holds its stocked parts at one location. A part that falls short fails the whole reservation
     * (the transaction rolls back), so no component is ever held for half a bundle.
     */
    private Uni<List<PlannedHold>> bundleParts(ReservationRequest.Line line, String location, String field) {
        return bundles.stockedParts(line.sku()).map(parts -> parts.entrySet().stream()
                .map(part -> new PlannedHold(line.line(), part.getKey(), location,
                        Bundle.partUnits(part.getKey(), part.getValue(), line.quantity(),
                                MovementRequest.MAX_QUANTITY, field), line.sku(), field,
                        false, false))
                .toList());
    }

    private Uni<Reservation.Line> hold(PlannedHold hold, UUID reservationId, String orderId, String actor,
            List<SupplierOrderRequestRepository.NewRequest> supplierRequests) {
        StockLedger.Entry entry = new StockLedger.Entry(MovementType.RESERVE, hold.sku(), hold.location(),
                hold.quantity(), hold.bundle() == null ? "order " + orderId
                        : "order " + orderId + ", bundle " + hold.bundle(),
                reservationId.toString(), actor, null, null);
        Uni<String> heldAt;
        if (hold.location() != null) {
            heldAt = ledger.record(entry, hold.backorderAllowed(), hold.field()).replaceWith(hold.location());
        } else {
            Uni<List<String>> candidates = hold.dropship()
                    ? stock.supplierLocationsAbleToTake(hold.sku(), hold.quantity())
                    : stock.locationsAbleToTake(hold.sku(), hold.quantity());
            heldAt = candidates.chain(found -> holdAtFirstThatTakes(hold, entry, found, 0));
        }
        Uni<Reservation.Line> line = heldAt.map(location -> new Reservation.Line(hold.line(), hold.sku(), location,
                hold.quantity(), hold.bundle()));
        if (!hold.dropship()) {
            return line;
        }
        // A dropship line asks the supplier of the location it took to ship.
        return line.call(held -> locations.findById(held.location()).invoke(supplierLocation -> supplierRequests.add(
                new SupplierOrderRequestRepository.NewRequest(supplierLocation.supplier, hold.sku(), held.location(),
                        hold.quantity(), orderId, reservationId, hold.line(), actor))));
    }

    /** The location that can make the bundles, chosen as for any line: priority, then most available, then code. */
    private Uni<String> bestLocationForBundle(ReservationRequest.Line line, String field) {
        return bundleAvailability.of(line.sku()).chain(availability -> locations.listAll().map(all -> all.stream()
                .filter(location -> location.fulfilsOrders && availability.at(location.code) >= line.quantity())
                .sorted(Comparator.comparingInt((Location location) -> -location.priority)
                        .thenComparingLong(location -> -availability.at(location.code))
                        .thenComparing(location -> location.code))
                .map(location -> location.code)
                .findFirst()
                .orElseThrow(() -> StockShortage.of(field,
                        "no location makes " + line.quantity() + " of bundle " + line.sku()))));
    }

    /** Tries the candidates best first; another order may take a candidate's stock between the read and the hold. */
    private Uni<String> holdAtFirstThatTakes(PlannedHold hold, StockLedger.Entry entry, List<String> candidates,
            int next) {
        if (next == candidates.size()) {
            return Uni.createFrom().failure(StockShortage.of(hold.field(),
                    "no location holds " + hold.quantity() + " available of " + hold.sku()));
        }
        String location = candidates.get(next);
        return ledger.tryRecord(entry.at(location, entry.delta()), false)
                .chain(result -> result != null ? Uni.createFrom().item(location)
                        : holdAtFirstThatTakes(hold, entry, candidates, next + 1));
    }

    /**
     * Gives the held lines back. Only the caller that made the reservation releases it, or an admin
     * ({@code anyOwner}); anyone else is refused (403) and nothing changes.
     */
    @WithTransaction
    public Uni<Reservation> release(UUID id, String actor, boolean anyOwner) {
        return finish(id, Status.RELEASED, MovementType.RELEASE, actor, anyOwner);
    }

    /** Gives back a hold whose time ran out, whoever made it; a reservation finished meanwhile is left as it is. */
    @WithTransaction
    public Uni<Reservation> expire(UUID id) {
        return finish(id, Status.EXPIRED, MovementType.RELEASE, EXPIRY_ACTOR, true);
    }

    @WithConnection
    public Uni<List<UUID>> expiredHolds(int limit) {
        return reservations.expiredBefore(OffsetDateTime.now(), limit);
    }

    /** Commits the held lines; like {@link #release}, only for the caller that made the reservation or an admin. */
    @WithTransaction
    public Uni<Reservation> commit(UUID id, String actor, boolean anyOwner) {
        return finish(id, Status.COMMITTED, MovementType.COMMIT, actor, anyOwner);
    }

    /**
     * Releasing or committing twice returns the reservation as it is; the stock moves once, its rows taken in
     * (SKU, location) order as a reservation takes them.
     */
    private Uni<Reservation> finish(UUID id, Status to, MovementType movement, String actor, boolean anyOwner) {
        return reservations.findById(id)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("id", "no reservation " + id))
                .invoke(reservation -> {
                    if (!anyOwner && !reservation.owner().equals(actor)) {
                        throw RuleViolation.forbidden("id", "reservation " + id + " was made by another caller:"
                                + " only its maker or an admin may " + (to == Status.COMMITTED ? "commit" : "release")
                                + " it").in(RuleViolation.In.PATH);
                    }
                })
                .chain(reservation -> reservations.finish(id, to).chain(finished -> {
                    if (!finished) {
                        // read again: the reservation read above may be a request racing this one, finished since
                        return reservations.findById(id).map(now -> {
                            if (now.status() == to) {
                                return now;
                            }
                            throw RuleViolation.conflict("id", "reservation " + id + " is " + now.status());
                        });
                    }
                    List<Reservation.Line> inLockOrder = new ArrayList<>(reservation.lines());
                    inLockOrder.sort(Comparator.comparing(Reservation.Line::sku)
                            .thenComparing(Reservation.Line::location));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Reservation.Line line : inLockOrder) {
                        chain = chain.chain(() -> ledger.record(new StockLedger.Entry(movement, line.sku(),
                                line.location(), line.quantity(), "order " + reservation.orderId(), id.toString(),
                                actor, null, null), true, "id")).replaceWithVoid();
                    }
                    chain = chain.chain(() -> supplierOrderRequests.finish(id, to == Status.COMMITTED
                            ? SupplierOrderRequest.Status.CONFIRMED : SupplierOrderRequest.Status.CANCELLED))
                            .replaceWithVoid();
                    return chain.replaceWith(reservation.finished(to));
                }));
    }
}
