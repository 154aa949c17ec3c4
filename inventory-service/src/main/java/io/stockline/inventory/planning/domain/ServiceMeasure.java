package io.stockline.inventory.planning.domain;

/**
 * What a service level promises, which decides the z of the safety stock.
 */
public enum ServiceMeasure {
    /**
     * The chance that a replenishment cycle ends without a stockout: z = the normal quantile of the level
     * (z(0.95) = 1.6449).
     */
    CYCLE,
    /**
     * The share of demand served from stock (fill rate, beta service): z solves sigma_L x G(z) = (1 - level) x Q,
     * G the standard normal loss function, sigma_L the spread of demand over the lead time and Q the order quantity:
     * a cycle may lose (1 - level) of what it orders. A large order quantity exposes few cycles a year, so it needs a
     * smaller z than the same cycle service level.
     */
    FILL_RATE
}
