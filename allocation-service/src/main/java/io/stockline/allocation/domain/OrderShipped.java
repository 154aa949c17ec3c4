package io.stockline.allocation.domain;

import java.util.List;
import io.stockline.platform.events.EventTypes;

/** {@code io.stockline.order.shipped.v1} on {@code orders}: what left which location, per line. */
public record OrderShipped(String orderId, List<Parcel> shipments) {

    public static final String TYPE = EventTypes.ORDER_SHIPPED;

    public record Parcel(String location, List<OrderPlaced.Line> lines) {
    }
}
