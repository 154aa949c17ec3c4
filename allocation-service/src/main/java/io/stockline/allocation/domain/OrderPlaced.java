package io.stockline.allocation.domain;

import java.util.List;

/** {@code io.stockline.order.placed.v1} on {@code orders}, key = order id. */
public record OrderPlaced(String orderId, String channel, List<Line> lines, boolean paid) {

    public static final String TYPE = "io.stockline.order.placed.v1";

    public record Line(int line, String sku, long quantity) {
    }
}
