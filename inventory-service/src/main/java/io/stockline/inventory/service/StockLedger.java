package io.stockline.inventory.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;



import io.smallrye.mutiny.Uni;
import io.stockline.platform.config.Topics;
import io.stockline.inventory.domain.StockShortage;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.platform.outbox.Outbox;
import io.stockline.inventory.domain.LotQuantity;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.MovementType;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.messaging.StockChangedEvent;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.LotRepository;
import io.stockline.inventory.repository.MovementRepository;
import io.stockline.inventory.repository.StockRepository;

/**
 * The one way stock changes: the guarded balance update, the ledger row and the outbox row, all in the
 * caller's transaction. It opens none itself, so a use case can move several lines all-or-nothing.
 */
@ApplicationScoped
public class StockLedger {

    /** A ledger entry to record; {@code delta} is what it does to the balance, usually {@code type.delta(quantity)}. */
    public record Entry(MovementType type, String sku, String location, long quantity, StockState delta,
            String reason, String reference, String actor, String idempotencyKey, String requestHash, String lot,
            LocalDate expiresOn, boolean withoutLots, AdjustmentReason reasonCode) {

        public Entry(MovementType type, String sku, String location, long quantity, String reason, String reference,
                String actor, String idempotencyKey, String requestHash) {
            this(type, sku, location, quantity, type.delta(quantity), reason, reference, actor, idempotencyKey,
                    requestHash, null, null, false, null);
        }

        /** Every movement but a correction by hand: no reason code. */
        public Entry(MovementType type, String sku, String location, long quantity, StockState delta, String reason,
                String reference, String actor, String idempotencyKey, String requestHash, String lot,
                LocalDate expiresOn, boolean withoutLots) {
            this(type, sku, location, quantity, delta, reason, reference, actor, idempotencyKey, requestHash, lot,
                    expiresOn, withoutLots, null);
        }

        /** Why a correction by hand was made (null for every other movement). */
        public Entry withReasonCode(AdjustmentReason code) {
            return new Entry(type, sku, location, quantity, delta, reason, reference, actor, idempotencyKey,
                    requestHash, lot, expiresOn, withoutLots, code);
        }

        public Entry withDelta(StockState newDelta) {
            return new Entry(type, sku, location, quantity, newDelta, reason, reference, actor, idempotencyKey,
                    requestHash, lot, expiresOn, withoutLots, reasonCode);
        }

        public Entry withLot(String newLot, LocalDate newExpiresOn) {
            return new Entry(type, sku, location, quantity, delta, reason, reference, actor, idempotencyKey,
                    requestHash, newLot, newExpiresOn, withoutLots, reasonCode);
        }

        /** The caller knows the item is not lot-tracked: the ledger spares the lots their round trip. */
        public Entry notLotTracked() {
            return new Entry(type, sku, location, quantity, delta, reason, reference, actor, idempotencyKey,
                    requestHash, lot, expiresOn, true, reasonCode);
        }

        public Entry at(String otherLocation, StockState otherDelta) {
            return new Entry(type, sku, otherLocation, quantity, otherDelta, reason, reference, actor, null, null,
                    lot, expiresOn, withoutLots, reasonCode);
        }
    }

    public record Result(Movement movement, StockLevel level) {
    }

    private final StockRepository stock;
    private final MovementRepository movements;
    private final Outbox outbox;
    private final String stockChangedTopic;
    private final BundleRepository bundles;
    private final BundleAvailability bundleAvailability;
    private final LotRepository lots;

    public StockLedger(StockRepository stock, MovementRepository movements, Outbox outbox,
            Topics topics,
            BundleRepository bundles, BundleAvailability bundleAvailability, LotRepository lots) {
        this.lots = lots;
        this.bundles = bundles;
        this.bundleAvailability = bundleAvailability;
        this.stock = stock;
        this.movements = movements;
        this.outbox = outbox;
        this.stockChangedTopic = topics.stockChanged();
    }

    /**
     * Records the entry, or fails with {@link RuleViolation} (nothing written) when a state would fall below
     * zero. {@code quantityField} names the request field to blame.
     */
    public Uni<Result> record(Entry entry, boolean backorderAllowed, String quantityField) {
        return tryRecord(entry, backorderAllowed).chain(result -> result != null ? Uni.createFrom().item(result)
                : refusal(entry, backorderAllowed, quantityField));
    }

    /** Records the entry, or returns null (nothing written) when a state would fall below zero. */
    public Uni<Result> tryRecord(Entry entry, boolean backorderAllowed) {
        StockState delta = entry.delta();
        // A change that could not start from an empty balance (a hold, a sale) needs no row created first:
        // without one, the guarded UPDATE simply refuses it. That spares the hot path a round trip.
        boolean couldStartFromNothing = delta.firstNegative(backorderAllowed) == null;
        Uni<Void> row = couldStartFromNothing ? stock.ensureRow(entry.sku(), entry.location())
                : Uni.createFrom().voidItem();
        return row
                .chain(() -> stock.apply(entry.sku(), entry.location(), delta, backorderAllowed))
                .chain(level -> level == null ? Uni.createFrom().nullItem()
                        : movements.append(entry.type(), entry.sku(), entry.location(), entry.quantity(), delta,
                                entry.reason(), entry.reference(), entry.actor(), entry.idempotencyKey(),
                                entry.requestHash(), level.version(), entry.lot(), entry.expiresOn(), entry.reasonCode())
                                .chain(movement -> lotsAfter(entry, movement.id())
                                        .chain(lotsHeld -> publish(movement, level, lotsHeld))
                                        .chain(() -> publishBundles(movement, level))
                                        .replaceWith(new Result(movement, level))));
    }

    /**
     * Only a change of on hand moves lots, recorded under the movement; the event then carries the lots held (null:
     * not lot-tracked or unchanged). Units leaving damaged or quality control are held-back stock, where expired
     * units wait, so those departures take expired lots first; every other departure takes sellable lots first.
     */
    private Uni<List<LotQuantity>> lotsAfter(Entry entry, long movementId) {
        StockState delta = entry.delta();
        long onHandChange = delta.onHand();
        if (onHandChange == 0 || entry.withoutLots()) {
            return Uni.createFrom().nullItem();
        }
        String lot = entry.lot() == null && onHandChange > 0 ? LotQuantity.UNASSIGNED : entry.lot();
        boolean fromHeldBack = delta.damaged() < 0 || delta.qualityControl() < 0;
        return lots.moveLots(movementId, entry.sku(), entry.location(), lot, entry.expiresOn(), onHandChange,
                !fromHeldBack);
    }

    private Uni<Result> refusal(Entry entry, boolean backorderAllowed, String quantityField) {
        return stock.find(entry.sku(), entry.location()).map(current -> {
            StockState after = (current == null ? StockState.ZERO : current.state()).plus(entry.delta());
            String state = after.firstNegative(backorderAllowed);
            throw StockShortage.of(quantityField, "%s of %d would take %s of %s at %s below zero"
                    .formatted(entry.type(), entry.quantity(), state, entry.sku(), entry.location()));
        });
    }

    /**
     * A component's change changes what every bundle holding it can sell there: each gets an event too. The version
     * is taken before the bundle's availability is read: taking it locks the bundle's version row until the commit,
     * so of two transactions changing different components the later one reads after the earlier one committed,
     * and the higher version always carries the newer number (read first, the higher version could carry the other
     * component's old number, and consumers keep the highest).
     */
    private Uni<Void> publishBundles(Movement movement, StockLevel component) {
        return bundles.bundlesContaining(component.sku()).chain(bundleSkus -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String bundleSku : bundleSkus) {
                chain = chain.chain(() -> bundles.nextVersion(bundleSku, component.location())
                        .chain(version -> bundleAvailability.at(bundleSku, component.location())
                                .chain(available -> publish(movement, new StockLevel(bundleSku, component.location(),
                                        new StockState(available, available, 0, 0, 0, 0, 0, 0, 0), version), null))));
            }
            return chain;
        });
    }

    private Uni<Void> publish(Movement movement, StockLevel level, List<LotQuantity> lotsHeld) {
        UUID eventId = UUID.randomUUID();
        StockChangedEvent event = StockChangedEvent.of(eventId, level, movement.type().name(), movement.id(),
                movement.createdAt(), lotsHeld);
        return outbox.add(outbox.event(eventId, StockChangedEvent.TYPE, stockChangedTopic, level.sku(), event));
    }
}
