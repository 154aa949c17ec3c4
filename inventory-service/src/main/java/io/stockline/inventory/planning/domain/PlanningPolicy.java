package io.stockline.inventory.planning.domain;

/**
 * The computed policy of one SKU at one location: the forecast it rests on (method, daily rate and spread, and the
 * method's measured error on a holdout: MASE and bias, NaN when the history is too short to hold one out), the
 * safety stock, the reorder point (reorder when the inventory position is at or under it) and the quantity to order.
 */
public record PlanningPolicy(PolicyKind kind, String forecastMethod, double dailyForecast, double dailyStdDev,
        double mase, double bias, double safetyStock, long reorderPoint, long orderQuantity) {
}
