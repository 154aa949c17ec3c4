package io.stockline.channel.domain;

import java.util.UUID;

/** The part of inventory's {@code io.stockline.inventory.item-changed.v1} this service reads. */
public record ItemChanged(UUID eventId, String sku, ItemStatus status, long revision) {
}
