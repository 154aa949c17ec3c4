package io.stockline.inventory.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.Bundle;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.MovementType;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.MovementRepository;
import io.stockline.inventory.repository.StockRepository;

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
    private final StockRepository stock;
    private final BundleRepository bundles;
    private final Idempotency idempotency;

    public MovementService(StockLedger ledger, MovementRepository movements, ItemRepository items,
            LocationRepository locations, ObjectMapper json, Idempotency idempotency, StockRepository stock, BundleRepository bundles) {
        this.ledger = ledger;
        this.movements = movements;
        this.items = items;
        this.locations = locations;
        this.json = json;
        this.stock = stock;
        this.bundles = bundles;
        this.idempotency = idempotency;
    }

    /** Refuses a request no stock need be read for to know it is wrong. */
    static void requirePostable(MovementRequest request) {
        MovementType type = request.type();
        if (!type.postedByHand()) {
            throw RuleViolation.unprocessable("type", type + " is made through the reservations API, not posted as a movement");
        }
        String quantityProblem = type.quantityProblem(request.quantity());
        if (quantityProblem != null) {
            throw RuleViolation.invalid("quantity", quantityProblem);
        }
        if (type == MovementType.WRITE_OFF && request.state() == null) {
            throw RuleViolation.invalid("state", "a write-off names the state it takes units from: DAMAGED or QUALITY_CONTROL");
        }
        if (type != MovementType.WRITE_OFF && request.state() != null) {
            throw RuleViolation.unprocessable("state", "only a WRITE_OFF names a state");
        }
        if (type.correctsByHand()) {
            if (request.reasonCode() == null) {
                throw RuleViolation.invalid("reasonCode", type + " needs a reasonCode: one of "
                        + Arrays.toString(AdjustmentReason.values()));
            }
            if (request.reasonCode().needsNote() && (request.reason() == null || request.reason().isBlank())) {
                throw RuleViolation.invalid("reason", "reasonCode OTHER needs a note in reason saying why");
            }
        } else if (request.reasonCode() != null) {
            throw RuleViolation.unprocessable("reasonCode", "only ADJUSTMENT and COUNT_CORRECTION take a reasonCode");
        }
        if (type.needsDestination()) {
            if (request.toLocation() == null || request.toLocation().isBlank()) {
                throw RuleViolation.invalid("toLocation", type + " needs the location the units go to");
            }
            if (request.toLocation().equals(request.location())) {
                throw RuleViolation.unprocessable("toLocation", "a transfer goes to another location");
            }
        } else if (request.toLocation() != null) {
            throw RuleViolation.unprocessable("toLocation", "only transfers have a destination");
        }
    }

    /** The location must exist and hold our own stock: a dropship supplier's location takes no movements. */
    private Uni<Void> requireLocation(String code, String field) {
        return locations.findById(code)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound(field, "no location " + code))
                .invoke(location -> StockRules.requireOwnStock(location, field))
                .replaceWithVoid();
    }

    /**
     * A bundle holds no stock: selling bundles sells their stocked parts, all or none. The first part's entry
     * carries the idempotency key, so a repeat finds it.
     */
    private Uni<StockLedger.Result> sellBundle(StockLedger.Entry bundleSale) {
        if (bundleSale.type() != MovementType.SALE) {
            throw RuleViolation.unprocessable("sku", "a bundle holds no stock of its own: move its components,"
                    + " or SALE and reserve the bundle");
        }
        return bundles.stockedParts(bundleSale.sku()).chain(parts -> {
            List<StockLedger.Result> results = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            boolean first = true;
            for (Map.Entry<String, Long> part : parts.entrySet()) {
                long quantity = Bundle.partUnits(part.getKey(), part.getValue(), bundleSale.quantity(),
                        MovementRequest.MAX_QUANTITY, "quantity");
                StockLedger.Entry partSale = new StockLedger.Entry(MovementType.SALE, part.getKey(),
                        bundleSale.location(), quantity, bundleSale.reason(),
                        bundleSale.reference() == null ? "bundle " + bundleSale.sku() : bundleSale.reference(),
                        bundleSale.actor(), first ? bundleSale.idempotencyKey() : null,
                        first ? bundleSale.requestHash() : null);
                first = false;
                chain = chain.chain(() -> ledger.record(partSale, false, "quantity").invoke(results::add))
                        .replaceWithVoid();
            }
            return chain.map(ignored -> results.get(0));
        });
    }

    /** One ledger entry, or two for a transfer's arrival, or one whose change depends on the count. */
    private Uni<StockLedger.Result> record(MovementRequest request, StockLedger.Entry entry, boolean backorderAllowed) {
        return switch (request.type()) {
            case TRANSFER_IN -> ledger.record(entry, false, "quantity")
                    .call(() -> ledger.record(entry.at(request.toLocation(), MovementType.arrival(request.quantity())),
                            backorderAllowed, "quantity"));
            case COUNT_CORRECTION -> stock.lock(request.sku(), request.location())
                    .chain(current -> ledger.record(entry.withDelta(MovementType.countCorrection(request.quantity(),
                            current == null ? 0 : current.state().onHand())), backorderAllowed, "quantity"));
            case WRITE_OFF -> ledger.record(entry.withDelta(MovementType.writeOff(request.quantity(), request.state())),
                    backorderAllowed, "quantity");
            default -> ledger.record(entry, backorderAllowed, "quantity");
        };
    }

    /** Records the movement once per idempotency key; a repeat returns the first movement and changes nothing. */
    @WithTransaction
    public Uni<Posted> post(MovementRequest request, String idempotencyKey, String actor) {
        return post(request, RequestFingerprint.of(json, request), idempotencyKey, actor);
    }

    /** {@link #post} with the request's fingerprint already taken (by a caller that tried the group first). */
    @WithTransaction
    public Uni<Posted> post(MovementRequest request, String requestHash, String idempotencyKey, String actor) {
        return idempotency.once(KeyLocks.Scope.MOVEMENT_IDEMPOTENCY_KEY, actor, idempotencyKey, requestHash,
                () -> movements.findByIdempotencyKey(actor, idempotencyKey), Movement::requestHash,
                first -> new Posted(first, true), () -> {
            requirePostable(request);
            return items.findById(request.sku())
                    .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + request.sku()))
                    .invoke(item -> {
                        if (item.kind == ItemKind.DROPSHIP) {
                            throw RuleViolation.unprocessable("sku", StockRules.dropshipItem(item.sku));
                        }
                    })
                    .chain(item -> requireLocation(request.location(), "location")
                            .chain(() -> request.type().needsDestination()
                                    ? requireLocation(request.toLocation(), "toLocation") : Uni.createFrom().voidItem())
                            .chain(() -> {
                                requireLotFits(request, item);
                                StockLedger.Entry entry = new StockLedger.Entry(request.type(), request.sku(),
                                        request.location(), request.quantity(), request.reason(), request.reference(),
                                        actor, idempotencyKey, requestHash)
                                        .withLot(request.lot(), request.expiresOn())
                                        .withReasonCode(request.reasonCode());
                                if (!item.lotTracked) {
                                    entry = entry.notLotTracked();
                                }
                                return item.kind == ItemKind.BUNDLE ? sellBundle(entry)
                                        : record(request, entry, item.backorderAllowed);
                            }))
                    .map(result -> new Posted(result.movement(), false));
        });
    }

    /** Arrivals of a lot-tracked item say which lot they are; an item without lots takes none. */
    private static void requireLotFits(MovementRequest request, Item item) {
        if (!item.lotTracked) {
            if (request.lot() != null) {
                throw RuleViolation.unprocessable("lot", "item " + item.sku + " is not lot-tracked");
            }
            if (request.expiresOn() != null) {
                throw RuleViolation.unprocessable("expiresOn", "item " + item.sku + " is not lot-tracked");
            }
            return;
        }
        boolean arrival = switch (request.type()) {
            case RECEIPT, RETURN, TRANSFER_IN -> true;
            default -> false;
        };
        if (arrival && (request.lot() == null || request.lot().isBlank())) {
            throw RuleViolation.unprocessable("lot", "item " + item.sku + " is lot-tracked: name the lot that arrives");
        }
        if (request.expiresOn() != null && request.lot() == null) {
            throw RuleViolation.unprocessable("expiresOn", "an expiry belongs to a lot: name the lot");
        }
    }
}
