package io.stockline.inventory.planning.domain;

/**
 * One day of one SKU at one location as the ledger tells it: the demand (sales and shipped reservations, with the
 * day's stockout and promotion marks) and, kept apart because they are not demand, the units returned by customers
 * and the units sent to other locations.
 */
public record LedgerDay(DemandDay demand, long returned, long transferredOut) {
}
