package io.stockline.inventory.planning.domain;

import java.math.BigDecimal;

/**
 * What to order of one SKU for one location: its inventory position (on hand + incoming - committed - reserved),
 * the units already on draft purchase orders, the policy's reorder point and the quantity to order, rounded to the
 * supplier's minimum and multiple. {@code unitCost} is the supplier item's, else the item's (null without either).
 */
public record Suggestion(String supplier, String sku, String location, long onHand, long incoming, long committed,
        long reserved, long drafted, long reorderPoint, long quantity, double dailyForecast, double leadTimeDays,
        String method, String forecastMethod, BigDecimal unitCost) {

    public long position() {
        return onHand + incoming - committed - reserved;
    }
}
