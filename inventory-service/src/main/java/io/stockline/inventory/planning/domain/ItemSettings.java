package io.stockline.inventory.planning.domain;

import java.time.OffsetDateTime;

/**
 * What a person set for one SKU's planning: a service level overriding its ABC class's and the supplier to buy it
 * from (each null when not set).
 */
public record ItemSettings(String sku, Double serviceLevel, String supplier, String setBy, OffsetDateTime setAt) {
}
