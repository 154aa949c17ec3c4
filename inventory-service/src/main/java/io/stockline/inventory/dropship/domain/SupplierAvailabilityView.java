package io.stockline.inventory.dropship.domain;

/**
 * A dropship supplier's availability of a SKU as channels see it: {@code available} at the supplier's location
 * ({@code location}), with {@code requested} units taken by open reservations (supplier order requests).
 */
public record SupplierAvailabilityView(String supplier, String sku, String location, long available, long requested,
        long version) {
}
