package io.stockline.allocation.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stockline.platform.events.EventTypes;

/**
 * {@code io.stockline.order.placed.v1} on {@code orders}, key = order id. An unpaid order is held only for a
 * while (inventory releases the hold when it expires); {@code shipTo} steers the market and distance rules.
 */
public record OrderPlaced(String orderId, String channel, List<Line> lines, ShipTo shipTo, boolean paid) {

    public static final String TYPE = EventTypes.ORDER_PLACED;

    public OrderPlaced(String orderId, String channel, List<Line> lines, boolean paid) {
        this(orderId, channel, lines, null, paid);
    }

    /**
     * As the event carries it: {@code paid} is optional in the AsyncAPI document, and an order not said to be paid
     * is held as an unpaid one (its hold expires), the safe reading.
     */
    @JsonCreator
    public static OrderPlaced read(@JsonProperty("orderId") String orderId, @JsonProperty("channel") String channel,
            @JsonProperty("lines") List<Line> lines, @JsonProperty("shipTo") ShipTo shipTo,
            @JsonProperty("paid") Boolean paid) {
        return new OrderPlaced(orderId, channel, lines, shipTo, Boolean.TRUE.equals(paid));
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
