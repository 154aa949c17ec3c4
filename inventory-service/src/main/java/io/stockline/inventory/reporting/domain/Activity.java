package io.stockline.inventory.reporting.domain;

import java.time.OffsetDateTime;

/**
 * What one SKU did at one location over a period of UTC days: the days it existed there ({@code days}: since its
 * first movement), those that ended with nothing available ({@code stockoutDays}), the sum of on hand at the end of
 * each day ({@code onHandDays}: divided by the period's days, the average on hand), on hand at the start,
 * units sold (SALE, COMMIT) and received (RECEIPT), and, now: on hand, in transit and the last sale.
 */
public record Activity(String sku, String location, long days, long stockoutDays, long onHandDays, long openingOnHand,
        long sold, long received, long onHand, long inTransit, OffsetDateTime lastSale) {
}
