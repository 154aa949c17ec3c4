package io.stockline.alert.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The part of inventory's {@code io.stockline.inventory.reorder-point.v1} this service reads. */
public record ReorderPoint(UUID eventId, String sku, String location, long reorderPoint, double safetyStock,
        OffsetDateTime computedAt) {
}
