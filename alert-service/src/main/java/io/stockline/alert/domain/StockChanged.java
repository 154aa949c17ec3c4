package io.stockline.alert.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The part of inventory's {@code io.stockline.inventory.stock-changed.v1} this service reads. lots is null when
 * the event does not list them (an item that is not lot-tracked): the lots known before stay as they were.
 */
public record StockChanged(UUID eventId, String sku, String location, long version, long available, List<Lot> lots) {

    public record Lot(String lot, LocalDate expiresOn, long quantity) {
    }
}
