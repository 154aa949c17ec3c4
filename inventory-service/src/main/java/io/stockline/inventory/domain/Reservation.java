package io.stockline.inventory.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An order's hold on stock: every line is held, or none is. */
public record Reservation(UUID id, String orderId, Status status, String requestHash, OffsetDateTime expiresAt,
        List<Line> lines) {

    public enum Status {
        ACTIVE, RELEASED, COMMITTED,
        /** Released by the system because its hold ran out (an unpaid cart, say). */
        EXPIRED
    }

    /** One held SKU; a bundle's line holds its components, each naming the {@code bundle} it is part of. */
    public record Line(int line, String sku, String location, long quantity, String bundle) {

        public Line(int line, String sku, String location, long quantity) {
            this(line, sku, location, quantity, null);
        }
    }
}
