package io.stockline.allocation.domain;

/** A shipment's reservation in inventory: HELD until the parcel leaves (COMMITTED) or the order is cancelled (RELEASED). */
public enum ShipmentStatus {
    HELD, RELEASED, COMMITTED
}
