package io.stockline.allocation.domain;

/**
 * The rules an admin orders per channel (Shopify's order routing rules). Earlier rules decide; later ones
 * only break ties; the location code breaks the last tie so that equal input always gives the same plan.
 */
public enum RoutingRule {
    /** Only locations that serve the destination country (a location with no countries serves every market). */
    STAY_IN_MARKET,
    /** One location that holds the whole order; otherwise the smallest set of locations that covers it. */
    FEWEST_SHIPMENTS,
    /** The least great-circle distance from the shipping locations to the destination. */
    CLOSEST,
    /** Locations with a higher priority first. */
    PRIORITY
}
