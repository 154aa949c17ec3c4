package io.stockline.allocation.saga;

import java.time.OffsetDateTime;
import java.util.List;

import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.OrderPlaced;

/**
 * A plan being reserved, stored with its attempt before inventory is asked, so that a retry after a crash asks
 * again with the same idempotency keys and the same bodies (the hold's expiry included) instead of holding twice.
 */
public record PendingPlan(OffsetDateTime expiresAt, List<AllocationPlan.Shipment> shipments,
        List<OrderPlaced.Line> unfilled) {
}
