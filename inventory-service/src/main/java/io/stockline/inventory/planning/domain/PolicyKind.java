package io.stockline.inventory.planning.domain;

/** The replenishment policies Stockline can compute; the last two are kept to compare against. */
public enum PolicyKind {
    /** Forecast demand over the lead time plus a safety stock sized from demand and lead-time spread. */
    STOCKLINE,
    /** The textbook seed: average daily demand x lead time + a fixed safety stock. */
    SEED_FORMULA,
    /** Reorder at a fixed minimum, order up to a fixed maximum. */
    MIN_MAX
}
