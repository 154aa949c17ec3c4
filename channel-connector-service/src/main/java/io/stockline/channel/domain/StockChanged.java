package io.stockline.channel.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The part of inventory's {@code io.stockline.inventory.stock-changed.v1} this service reads. {@code committed} (units
 * held for orders) and {@code lots} (a lot-tracked item's units per lot after an on-hand change) feed the withholding
 * of expiring lots; {@code lots} is null when the event did not say (the lots did not change).
 */
public record StockChanged(UUID eventId, String sku, String location, long version, long available,
        String movementType, Long committed, List<Lot> lots, Long onHand) {

    /** Far beyond any stock a seller holds: a number past it is a forged or broken event, not a quantity. */
    public static final long MAX_QUANTITY = 1_000_000_000_000L;

    /** Movements that take available stock for a buyer: what a SKU's demand is measured from. */
    static final Set<String> DEMAND = Set.of("RESERVE", "SALE");

    public StockChanged(UUID eventId, String sku, String location, long version, long available) {
        this(eventId, sku, location, version, available, null, null, null, null);
    }

    public StockChanged(UUID eventId, String sku, String location, long version, long available,
            String movementType, Long committed, List<Lot> lots) {
        this(eventId, sku, location, version, available, movementType, committed, lots, null);
    }

    /** What makes no sense in the event on its own (null when nothing): numbers no stock movement can produce. */
    public String nonsense() {
        if (version < 1 || version > MAX_QUANTITY) {
            return "version " + version + " is not a version (they start at 1 and go up by one a movement)";
        }
        if (Math.abs(available) > MAX_QUANTITY) {
            return "available " + available + " is beyond any stock";
        }
        if (onHand != null && (onHand < 0 || onHand > MAX_QUANTITY)) {
            return "onHand " + onHand + " is negative or beyond any stock";
        }
        if (committed != null && (committed < 0 || committed > MAX_QUANTITY)) {
            return "committed " + committed + " is negative or beyond any stock";
        }
        if (lots != null && lots.stream().anyMatch(lot -> lot.quantity() < 0 || lot.quantity() > MAX_QUANTITY)) {
            return "a lot's quantity is negative or beyond any stock";
        }
        return null;
    }

    public record Lot(String lot, LocalDate expiresOn, long quantity) {
    }

    /** Whether the fall in available this event made is a buyer taking stock (a reservation or a sale). */
    public boolean isDemand() {
        return movementType != null && DEMAND.contains(movementType);
    }
}
