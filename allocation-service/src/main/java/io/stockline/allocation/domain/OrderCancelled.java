package io.stockline.allocation.domain;

/** {@code io.stockline.order.cancelled.v1} on {@code orders}: give back whatever the order holds. */
public record OrderCancelled(String orderId, String reason) {

    public static final String TYPE = "io.stockline.order.cancelled.v1";
}
