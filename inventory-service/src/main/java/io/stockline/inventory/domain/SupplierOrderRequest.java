package io.stockline.inventory.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a reservation of a dropship item asks its supplier to ship: the units come off the supplier's availability
 * (committed at its SUPPLIER location), not off our stock.
 */
public record SupplierOrderRequest(long id, String supplier, String sku, String location, long quantity,
        String orderId, UUID reservationId, int line, Status status, String createdBy, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public enum Status {
        /** Asked of the supplier while the order's reservation is active. */
        REQUESTED,
        /** The reservation was committed: the supplier ships it. */
        CONFIRMED,
        /** The reservation was released or expired: the units went back to the supplier's availability. */
        CANCELLED
    }
}
