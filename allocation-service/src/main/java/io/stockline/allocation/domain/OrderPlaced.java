package io.stockline.allocation.domain;

import java.util.List;

/**
 * {@code io.stockline.order.placed.v1} on {@code orders}, key = order id. An unpaid order is held only for a
 * while (inventory releases the hold when it expires); {@code shipTo} steers the market and distance rules.
 */
public record OrderPlaced(String orderId, String channel, List<Line> lines, ShipTo shipTo, boolean paid) {

    public static final String TYPE = "io.stockline.order.placed.v1";

    public OrderPlaced(String orderId, String channel, List<Line> lines, boolean paid) {
        this(orderId, channel, lines, null, paid);
    }

    public record Line(int line, String sku, long quantity) {
    }

    /** Where the order goes: an ISO 3166-1 alpha-2 country, and coordinates when the order system knows them. */
    public record ShipTo(String country, String postcode, Double latitude, Double longitude) {

        public boolean hasCoordinates() {
            return latitude != null && longitude != null;
        }
    }
}
