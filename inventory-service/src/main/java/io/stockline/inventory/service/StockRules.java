package io.stockline.inventory.service;

import io.stockline.inventory.repository.Location;
import io.stockline.platform.problem.RuleViolation;

/**
 * Where stock of ours may be, for every path that puts it somewhere: movements, the stock import, transfers and
 * purchase orders. A dropship supplier's location shows what the supplier tells us it has, and a dropship item is
 * only ever there: stock of ours at such a location, or of such an item, would be sold by channels (they add up
 * every location) but taken by no reservation, and no movement could take it away again.
 */
public final class StockRules {

    /** The code of a dropship supplier's location is this and the supplier's code; no other location may take it. */
    public static final String SUPPLIER_LOCATION_PREFIX = "SUPPLIER-";

    private StockRules() {
    }

    /** Why {@code code}, a dropship supplier's location, takes no stock of ours. */
    public static String supplierLocation(String code) {
        return code + " shows a dropship supplier's availability:"
                + " set it with PUT /api/v1/suppliers/{code}/items/{sku}/availability";
    }

    /** Why {@code sku}, a dropship item, holds no stock of ours. */
    public static String dropshipItem(String sku) {
        return sku + " is dropshipped and holds no stock: its supplier's availability is set on the supplier";
    }

    /** Refuses, on {@code field}, a location that holds no stock of ours. */
    public static Location requireOwnStock(Location location, String field) {
        if (!location.type.holdsOwnStock()) {
            throw RuleViolation.unprocessable(field, supplierLocation(location.code));
        }
        return location;
    }
}
