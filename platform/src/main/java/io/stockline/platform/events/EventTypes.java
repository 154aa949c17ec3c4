package io.stockline.platform.events;

/** The CloudEvent types of deploy/asyncapi.yaml (each message's {@code name}), in one place. */
public final class EventTypes {

    public static final String STOCK_CHANGED = "io.stockline.inventory.stock-changed.v1";
    public static final String ITEM_CHANGED = "io.stockline.inventory.item-changed.v1";
    public static final String LOCATION_CHANGED = "io.stockline.inventory.location-changed.v1";
    public static final String REORDER_POINT = "io.stockline.inventory.reorder-point.v1";
    public static final String SYNC_STATUS = "io.stockline.channel.sync-status.v1";
    public static final String ORDER_PLACED = "io.stockline.order.placed.v1";
    public static final String ORDER_CANCELLED = "io.stockline.order.cancelled.v1";
    public static final String ORDER_SHIPPED = "io.stockline.order.shipped.v1";

    private EventTypes() {
    }
}
