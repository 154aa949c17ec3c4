package io.stockline.inventory.dropship.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.stockline.inventory.domain.SupplierOrderRequest;

/** A supplier order request as the API shows it. */
public record SupplierOrderRequestView(long id, String supplier, String sku, String location, long quantity,
        String orderId, UUID reservationId, int line, SupplierOrderRequest.Status status, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static SupplierOrderRequestView of(SupplierOrderRequest r) {
        return new SupplierOrderRequestView(r.id(), r.supplier(), r.sku(), r.location(), r.quantity(), r.orderId(),
                r.reservationId(), r.line(), r.status(), r.createdBy(), r.createdAt(), r.updatedAt());
    }
}
