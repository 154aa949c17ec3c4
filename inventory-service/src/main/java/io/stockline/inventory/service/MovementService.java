package io.stockline.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.RuleViolation;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.MovementRepository;

/** Posts a stock movement by hand: receipts, sales, returns, damage, loss. */
@ApplicationScoped
public class MovementService {

    public record Posted(Movement movement, boolean replayed) {
    }

    private final StockLedger ledger;
    private final MovementRepository movements;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final ObjectMapper json;
    private final Idempotency idempotency;

    public MovementService(StockLedger ledger, MovementRepository movements, ItemRepository items,
            LocationRepository locations, ObjectMapper json, Idempotency idempotency) {
        this.ledger = ledger;
        this.movements = movements;
        this.items = items;
        this.locations = locations;
        this.json = json;
        this.idempotency = idempotency;
    }

    /** Records the movement once per idempotency key; a repeat returns the first movement and changes nothing. */
    @WithTransaction
    public Uni<Posted> post(MovementRequest request, String idempotencyKey, String actor) {
        String requestHash = RequestFingerprint.of(json, request);
        return idempotency.once(KeyLocks.Scope.MOVEMENT_IDEMPOTENCY_KEY, idempotencyKey, requestHash,
                () -> movements.findByIdempotencyKey(idempotencyKey), Movement::requestHash,
                first -> new Posted(first, true), () -> {
            if (!request.type().postedByHand()) {
                throw RuleViolation.unprocessable("type",
                        request.type() + " is made through the reservations API, not posted as a movement");
            }
            return items.findById(request.sku())
                    .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + request.sku()))
                    .chain(item -> locations.findById(request.location())
                            .onItem().ifNull()
                            .failWith(() -> RuleViolation.notFound("location", "no location " + request.location()))
                            .chain(location -> ledger.record(new StockLedger.Entry(request.type(), request.sku(),
                                    request.location(), request.quantity(), request.reason(), request.reference(),
                                    actor, idempotencyKey, requestHash), item.backorderAllowed, "quantity")))
                    .map(result -> new Posted(result.movement(), false));
        });
    }
}
