package io.stockline.inventory.transfers.domain;

import java.time.OffsetDateTime;
import java.util.List;

/** A transfer as the API shows it; {@code inTransit} is what left and has neither arrived nor been written off. */
public record TransferView(String number, String from, String to, TransferStatus status, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime shippedAt, OffsetDateTime closedAt, List<Line> lines) {

    public record Line(int line, String sku, long quantity, long received, long lost, long inTransit) {
    }
}
