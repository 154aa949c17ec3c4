package io.stockline.allocation.domain;

import java.util.UUID;
import io.stockline.platform.events.EventTypes;

/** The part of inventory's {@code io.stockline.inventory.stock-changed.v1} this service reads. */
public record StockChanged(UUID eventId, String sku, String location, long version, long available) {

    public static final String TYPE = EventTypes.STOCK_CHANGED;
}
