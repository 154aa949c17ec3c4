package io.stockline.inventory.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockline.inventory.domain.LotQuantity;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;

/**
 * {@value #TYPE} on {@code inventory.stock-changed}, key = SKU: the whole balance of one (SKU, location)
 * after a change. {@code version} only increases per (SKU, location), so consumers drop duplicates and
 * stale events by comparing it with the last one they applied.
 */
public record StockChangedEvent(UUID eventId, String sku, String location, long version, String movementType,
        long movementId, long onHand, long available, long committed, long reserved, long damaged,
        long qualityControl, long safetyStock, long incoming, long inTransit, OffsetDateTime occurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<LotQuantity> lots) {

    public static final String TYPE = "io.stockline.inventory.stock-changed.v1";

    public static StockChangedEvent of(UUID eventId, StockLevel level, String movementType, long movementId,
            OffsetDateTime occurredAt, List<LotQuantity> lots) {
        StockState s = level.state();
        return new StockChangedEvent(eventId, level.sku(), level.location(), level.version(), movementType, movementId,
                s.onHand(), s.available(), s.committed(), s.reserved(), s.damaged(), s.qualityControl(),
                s.safetyStock(), s.incoming(), s.inTransit(), occurredAt, lots);
    }
}
