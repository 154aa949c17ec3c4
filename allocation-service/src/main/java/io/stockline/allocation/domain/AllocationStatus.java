package io.stockline.allocation.domain;

/**
 * Where an order's allocation stands: PENDING (a plan being reserved, attempt n) -> ALLOCATED | BACKORDERED |
 * FAILED -> CANCELLED | SHIPPED, and BACKORDERED -> PENDING again when stock arrives. A cancel or shipment seen
 * before its order leaves a CANCELLED or SHIPPED row, so that the late order holds nothing.
 */
public enum AllocationStatus {
    PENDING, ALLOCATED, BACKORDERED, FAILED, CANCELLED, SHIPPED
}
