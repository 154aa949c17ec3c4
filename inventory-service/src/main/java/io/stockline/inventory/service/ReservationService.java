package io.stockline.inventory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
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

    @WithTransaction
    public Uni<Outcome> reserve(ReservationRequest request, String idempotencyKey, String actor) {
        String requestHash = RequestFingerprint.of(json, request);
        return idempotency.once(KeyLocks.Scope.RESERVATION_IDEMPOTENCY_KEY, idempotencyKey, requestHash,
                () -> reservations.findByIdempotencyKey(idempotencyKey), Reservation::requestHash,
                first -> new Outcome(first, true), () -> {
            requireDistinctLines(request);
            if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now())) {
                throw RuleViolation.unprocessable("expiresAt", "a hold must expire in the future");
            }
            UUID id = UUID.randomUUID();
            List<Reservation.Line> held = new ArrayList<>();
            List<SupplierOrderRequestRepository.NewRequest> supplierRequests = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < request.lines().size(); i++) {
                ReservationRequest.Line line = request.lines().get(i);
                String field = "lines[" + i + "].quantity";
                chain = chain.chain(() -> holdLine(line, id, request.orderId(), actor, field, supplierRequests)
                        .invoke(held::addAll))
                        .replaceWithVoid();
            }
            return chain.chain(() -> {
                Reservation reservation = new Reservation(id, request.orderId(), Status.ACTIVE, requestHash,
                        request.expiresAt(), List.copyOf(held));
                Uni<Void> inserted = reservations.insert(reservation, idempotencyKey).replaceWithVoid();
                for (SupplierOrderRequestRepository.NewRequest supplierRequest : supplierRequests) {
                    inserted = inserted.chain(() -> supplierOrderRequests.insert(supplierRequest));
                }
                return inserted.replaceWith(new Outcome(reservation, false));
            });
        });
    }

    private static void requireDistinctLines(ReservationRequest request) {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).line())) {
                throw RuleViolation.unprocessable("lines[" + i + "].line", "line numbers must be unique in a reservation");
            }
        }
    }

    private Uni<List<Reservation.Line>> holdLine(ReservationRequest.Line line, UUID reservationId, String orderId,
            String actor, String field, List<SupplierOrderRequestRepository.NewRequest> supplierRequests) {
        return items.findById(line.sku())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound(field.replace("quantity", "sku"),
                        "no item " + line.sku()))
                .chain(item -> {
                    if (item.status == ItemStatus.DISCONTINUED) {
                        throw RuleViolation.unprocessable(field.replace("quantity", "sku"),
                                line.sku() + " is discontinued");
                    }
                    if (item.kind == ItemKind.DROPSHIP) {
                        return holdDropship(line, reservationId, orderId, actor, field)
                                .invoke(supplierRequests::add)
                                .map(request -> List.of(new Reservation.Line(line.line(), line.sku(),
                                        request.location(), line.quantity())));
                    }
                    if (line.location() != null) {
                        return locations.findById(line.location())
                                .onItem().ifNull().failWith(() -> RuleViolation.notFound(
                                        field.replace("quantity", "location"), "no location " + line.location()))
                                .invoke(location -> {
                                    if (!location.type.holdsOwnStock()) {
                                        throw RuleViolation.unprocessable(field.replace("quantity", "location"),
                                                line.location() + " shows a dropship supplier's availability and holds"
                                                        + " no stock of " + line.sku());
                                    }
                                })
                                .chain(location -> item.kind == ItemKind.BUNDLE
                                        ? holdBundle(line, line.location(), reservationId, orderId, actor, field)
                                        : hold(line, line.location(), reservationId, orderId, actor, field,
                                                item.backorderAllowed).map(List::of));
                    }
                    if (item.kind == ItemKind.BUNDLE) {
                        return bestLocationForBundle(line, field)
                                .chain(location -> holdBundle(line, location, reservationId, orderId, actor, field));
                    }
                    return stock.locationsAbleToTake(line.sku(), line.quantity())
                            .chain(candidates -> holdAtFirstThatTakes(line, candidates, 0, reservationId, orderId,
                                    actor, field))
                            .map(List::of);
                });
    }

    /**
     * Takes a dropship line from a supplier's availability: at the SUPPLIER location named, or else at the supplier
     * showing the most. The guarded update refuses a unit another order took first, so the last unit sells once.
     */
    private Uni<SupplierOrderRequestRepository.NewRequest> holdDropship(ReservationRequest.Line line,
            UUID reservationId, String orderId, String actor, String field) {
        String locationField = field.replace("quantity", "location");
        Uni<String> held;
        if (line.location() != null) {
            held = locations.findById(line.location())
                    .onItem().ifNull().failWith(() -> RuleViolation.notFound(locationField,
                            "no location " + line.location()))
                    .chain(location -> {
                        if (location.type.holdsOwnStock()) {
                            throw RuleViolation.unprocessable(locationField, line.sku() + " is dropshipped: it holds"
                                    + " no stock at " + line.location() + ", only at its suppliers' locations");
                        }
                        return hold(line, location.code, reservationId, orderId, actor, field, false);
                    })
                    .map(Reservation.Line::location);
        } else {
            held = stock.supplierLocationsAbleToTake(line.sku(), line.quantity())
                    .chain(candidates -> holdAtFirstThatTakes(line, candidates, 0, reservationId, orderId, actor, field))
                    .map(Reservation.Line::location);
        }
        return held.chain(location -> locations.findById(location)
                .map(supplierLocation -> new SupplierOrderRequestRepository.NewRequest(supplierLocation.supplier,
                        line.sku(), location, line.quantity(), orderId, reservationId, line.line(), actor)));
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

    /**
     * Holds a bundle by holding its stocked parts at one location. A part that falls short fails the whole
     * reservation (the transaction rolls back), so no component is ever held for half a bundle.
     */
    private Uni<List<Reservation.Line>> holdBundle(ReservationRequest.Line line, String location, UUID reservationId,
            String orderId, String actor, String field) {
        return bundles.stockedParts(line.sku()).chain(parts -> {
            List<Reservation.Line> held = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, Long> part : parts.entrySet()) {
                long quantity = part.getValue() * line.quantity();
                chain = chain.chain(() -> ledger.record(new StockLedger.Entry(MovementType.RESERVE, part.getKey(),
                        location, quantity, "order " + orderId + ", bundle " + line.sku(), reservationId.toString(),
                        actor, null, null), false, field)
                        .invoke(result -> held.add(new Reservation.Line(line.line(), part.getKey(), location, quantity,
                                line.sku()))))
                        .replaceWithVoid();
            }
            return chain.replaceWith(held);
        });
    }

    /** Tries the candidates best first; another order may take a candidate's stock between the read and the hold. */
    private Uni<Reservation.Line> holdAtFirstThatTakes(ReservationRequest.Line line, List<String> candidates, int next,
            UUID reservationId, String orderId, String actor, String field) {
        if (next == candidates.size()) {
            return Uni.createFrom().failure(StockShortage.of(field,
                    "no location holds " + line.quantity() + " available of " + line.sku()));
        }
        String location = candidates.get(next);
        return ledger.tryRecord(reserveEntry(line, location, reservationId, orderId, actor), false)
                .chain(result -> result != null
                        ? Uni.createFrom().item(new Reservation.Line(line.line(), line.sku(), location, line.quantity()))
                        : holdAtFirstThatTakes(line, candidates, next + 1, reservationId, orderId, actor, field));
    }

    private static StockLedger.Entry reserveEntry(ReservationRequest.Line line, String location, UUID reservationId,
            String orderId, String actor) {
        return new StockLedger.Entry(MovementType.RESERVE, line.sku(), location, line.quantity(), "order " + orderId,
                reservationId.toString(), actor, null, null);
    }

    private Uni<Reservation.Line> hold(ReservationRequest.Line line, String location, UUID reservationId,
            String orderId, String actor, String field, boolean backorderAllowed) {
        return ledger.record(reserveEntry(line, location, reservationId, orderId, actor), backorderAllowed, field)
                .map(result -> new Reservation.Line(line.line(), line.sku(), location, line.quantity()));
    }

    @WithTransaction
    public Uni<Reservation> release(UUID id, String actor) {
        return finish(id, Status.RELEASED, MovementType.RELEASE, actor);
    }

    /** Gives back a hold whose time ran out; a reservation finished meanwhile is left as it is. */
    @WithTransaction
    public Uni<Reservation> expire(UUID id) {
        return finish(id, Status.EXPIRED, MovementType.RELEASE, EXPIRY_ACTOR);
    }

    @WithSession
    public Uni<List<UUID>> expiredHolds(int limit) {
        return reservations.expiredBefore(OffsetDateTime.now(), limit);
    }

    @WithTransaction
    public Uni<Reservation> commit(UUID id, String actor) {
        return finish(id, Status.COMMITTED, MovementType.COMMIT, actor);
    }

    /** Releasing or committing twice returns the reservation as it is; the stock moves once. */
    private Uni<Reservation> finish(UUID id, Status to, MovementType movement, String actor) {
        return reservations.findById(id)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("id", "no reservation " + id))
                .chain(reservation -> reservations.finish(id, to).chain(finished -> {
                    if (!finished) {
                        if (reservation.status() == to) {
                            return Uni.createFrom().item(reservation);
                        }
                        throw RuleViolation.conflict("id", "reservation " + id + " is " + reservation.status());
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Reservation.Line line : reservation.lines()) {
                        chain = chain.chain(() -> ledger.record(new StockLedger.Entry(movement, line.sku(),
                                line.location(), line.quantity(), "order " + reservation.orderId(), id.toString(),
                                actor, null, null), true, "id")).replaceWithVoid();
                    }
                    chain = chain.chain(() -> supplierOrderRequests.finish(id, to == Status.COMMITTED
                            ? SupplierOrderRequest.Status.CONFIRMED : SupplierOrderRequest.Status.CANCELLED))
                            .replaceWithVoid();
                    return chain.replaceWith(new Reservation(id, reservation.orderId(), to, reservation.requestHash(),
                            reservation.expiresAt(), reservation.lines()));
                }));
    }
}
