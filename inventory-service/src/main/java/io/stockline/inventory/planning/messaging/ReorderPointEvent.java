package io.stockline.inventory.planning.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@value #TYPE} on {@code inventory.reorder-points}, key {@code sku|location} (compacted: the last one per key is the
 * reorder point in force): a refresh changed the SKU's computed reorder point at the location.
 */
public record ReorderPointEvent(UUID eventId, String sku, String location, long reorderPoint, double safetyStock,
        OffsetDateTime computedAt) {

    public static final String TYPE = "io.stockline.inventory.reorder-point.v1";

    public static String key(String sku, String location) {
        return sku + "|" + location;
    }
}
