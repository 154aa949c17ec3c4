package io.stockline.inventory.planning.domain;

import java.time.LocalDate;

/**
 * One day of demand for one SKU at one location. A stockout day's demand is censored (what sold is less than what
 * was wanted), and a promotion day's is inflated, so forecasting treats both apart from the baseline.
 */
public record DemandDay(LocalDate day, long sold, boolean stockout, boolean promotion) {
}
