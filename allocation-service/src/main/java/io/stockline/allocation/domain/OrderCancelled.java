package io.stockline.allocation.domain;

import io.stockline.platform.events.EventTypes;

/** {@code io.stockline.order.cancelled.v1} on {@code orders}: give back whatever the order holds. */
public record OrderCancelled(String orderId, String reason) {

    public static final String TYPE = EventTypes.ORDER_CANCELLED;
}
