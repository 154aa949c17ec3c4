package io.stockline.inventory.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An order's hold on stock: every line is held, or none is. {@code owner} is the caller that made it (the subject of
 * its token): only the owner or an admin releases or commits it.
 */
public record Reservation(UUID id, String orderId, Status status, String requestHash, OffsetDateTime expiresAt,
        List<Line> lines, String owner) {

    /** The same reservation, ended {@code to}. */
    public Reservation finished(Status to) {
        return new Reservation(id, orderId, to, requestHash, expiresAt, lines, owner);
    }

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
