package io.stockline.channel.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.stockline.platform.events.StockNumbers;

/**
 * The part of inventory's {@code io.stockline.inventory.stock-changed.v1} this service reads. {@code committed} (units
 * held for orders) and {@code lots} (a lot-tracked item's units per lot after an on-hand change) feed the withholding
 * of expiring lots; {@code lots} is null when the event did not say (the lots did not change).
 */
public record StockChanged(UUID eventId, String sku, String location, long version, long available,
        String movementType, Long committed, List<Lot> lots, Long onHand) {


    /** Movements that take available stock for a buyer: what a SKU's demand is measured from. */
    static final Set<String> DEMAND = Set.of("RESERVE", "SALE");

    public StockChanged(UUID eventId, String sku, String location, long version, long available) {
        this(eventId, sku, location, version, available, null, null, null, null);
    }

    public StockChanged(UUID eventId, String sku, String location, long version, long available,
            String movementType, Long committed, List<Lot> lots) {
        this(eventId, sku, location, version, available, movementType, committed, lots, null);
    }

    /** Refuses the event as poison, naming the number, when a number makes no sense on its own. */
    public void requireSensibleNumbers() {
        StockNumbers.require(version, available, onHand, committed);
        if (lots != null) {
            lots.forEach(lot -> StockNumbers.requireLot(lot.quantity()));
        }
    }

    public record Lot(String lot, LocalDate expiresOn, long quantity) {
    }

    /** Whether the fall in available this event made is a buyer taking stock (a reservation or a sale). */
    public boolean isDemand() {
        return movementType != null && DEMAND.contains(movementType);
    }
}
