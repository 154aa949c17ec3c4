package io.stockline.inventory.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.stockline.inventory.repository.Item;

/** {@value #TYPE} on {@code inventory.items}, key = SKU: an item's catalog facts after a change; revision orders them. */
public record ItemChangedEvent(UUID eventId, String sku, String name, String kind, String status, boolean lotTracked,
        boolean backorderAllowed, long revision, OffsetDateTime occurredAt) {

    public static final String TYPE = "io.stockline.inventory.item-changed.v1";

    public static ItemChangedEvent of(UUID eventId, Item item) {
        return new ItemChangedEvent(eventId, item.sku, item.name, item.kind.name(), item.status.name(), item.lotTracked,
                item.backorderAllowed, item.revision, OffsetDateTime.now());
    }
}
