package io.stockline.allocation.domain;

import java.util.List;

/** {@code io.stockline.order.shipped.v1} on {@code orders}: what left which location, per line. */
public record OrderShipped(String orderId, List<Parcel> shipments) {

    public static final String TYPE = "io.stockline.order.shipped.v1";

    public record Parcel(String location, List<OrderPlaced.Line> lines) {
    }
}
