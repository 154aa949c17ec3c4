package io.stockline.inventory.planning.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;
import io.stockline.platform.events.EventTypes;

/**
 * {@value #TYPE} on {@code inventory.reorder-points}, key {@code sku|location} (compacted: the last one per key is the
 * reorder point in force): a refresh changed the SKU's computed reorder point at the location.
 */
public record ReorderPointEvent(UUID eventId, String sku, String location, long reorderPoint, double safetyStock,
        OffsetDateTime computedAt) {

    public static final String TYPE = EventTypes.REORDER_POINT;

    public static String key(String sku, String location) {
        return sku + "|" + location;
    }
}
