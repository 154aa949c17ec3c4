package io.stockline.inventory.domain;

/** The balance of one SKU at one location, and the version that counts its changes. */
public record StockLevel(String sku, String location, StockState state, long version) {
}
