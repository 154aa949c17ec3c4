package io.stockline.inventory.returns.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.MovementRepository;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.service.Idempotency;
import io.stockline.inventory.service.RequestFingerprint;
import io.stockline.inventory.service.StockLedger;
import io.stockline.platform.problem.RuleViolation;

/**
 * The inspection of returned units: out of quality control, good ones to available and damaged ones to
 * damaged, both in one transaction through the ledger, once per Idempotency-Key.
 */
@ApplicationScoped
public class InspectionService {

    public record Inspected(StockLevel level, boolean replayed) {
    }

    private final StockLedger ledger;
    private final MovementRepository movements;
    private final StockRepository stock;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    public InspectionService(StockLedger ledger, MovementRepository movements, StockRepository stock,
            ItemRepository items, LocationRepository locations, Idempotency idempotency, ObjectMapper json) {
        this.ledger = ledger;
        this.movements = movements;
        this.stock = stock;
        this.items = items;
        this.locations = locations;
        this.idempotency = idempotency;
        this.json = json;
    }

    @WithTransaction
    public Uni<Inspected> inspect(InspectionRequest request, String idempotencyKey, String actor) {
        String requestHash = RequestFingerprint.of(json, request);
        return idempotency.once(KeyLocks.Scope.MOVEMENT_IDEMPOTENCY_KEY, actor, idempotencyKey, requestHash,
                () -> movements.findByIdempotencyKey(actor, idempotencyKey), m -> m.requestHash(),
                first -> Boolean.TRUE, () -> record(request, idempotencyKey, requestHash, actor).replaceWith(Boolean.FALSE))
                .chain(replayed -> stock.find(request.sku(), request.location())
                        .map(level -> new Inspected(level, replayed)));
    }

    private Uni<Void> record(InspectionRequest request, String idempotencyKey, String requestHash, String actor) {
        if (request.restock() + request.damaged() == 0) {
            throw RuleViolation.unprocessable("restock", "inspect at least one unit: restock, damaged or both");
        }
        return items.findById(request.sku())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + request.sku()))
                .call(() -> locations.findById(request.location())
                        .onItem().ifNull().failWith(() -> RuleViolation.notFound("location", "no location " + request.location())))
                .chain(item -> {
                    if (item.kind == ItemKind.BUNDLE) {
                        throw RuleViolation.unprocessable("sku", "a bundle holds no stock of its own: inspect its components");
                    }
                    // The first entry carries the key, so a repeat finds it whichever parts the inspection had.
                    boolean restockFirst = request.restock() > 0;
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    if (restockFirst) {
                        chain = chain.chain(() -> ledger.record(entry(MovementType.RESTOCK, request, request.restock(),
                                actor, idempotencyKey, requestHash), false, "restock").replaceWithVoid());
                    }
                    if (request.damaged() > 0) {
                        chain = chain.chain(() -> ledger.record(entry(MovementType.INSPECTED_DAMAGED, request,
                                request.damaged(), actor, restockFirst ? null : idempotencyKey,
                                restockFirst ? null : requestHash), false, "damaged").replaceWithVoid());
                    }
                    return chain;
                });
    }

    private static StockLedger.Entry entry(MovementType type, InspectionRequest request, long quantity, String actor,
            String idempotencyKey, String requestHash) {
        return new StockLedger.Entry(type, request.sku(), request.location(), quantity,
                request.note() == null ? "return inspected" : request.note(), "inspection", actor, idempotencyKey,
                requestHash);
    }
}
