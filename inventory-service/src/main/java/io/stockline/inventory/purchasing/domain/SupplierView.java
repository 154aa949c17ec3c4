package io.stockline.inventory.purchasing.domain;

/** A supplier as the API shows it. */
public record SupplierView(String code, String name, String contact, String currency, int leadTimeDays,
        long minimumOrderQuantity, long orderMultiple, boolean allowOverReceipt) {
}
