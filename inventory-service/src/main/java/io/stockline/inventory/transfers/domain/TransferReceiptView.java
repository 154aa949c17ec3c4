package io.stockline.inventory.transfers.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** One arrival at a transfer's destination. */
public record TransferReceiptView(long id, String number, OffsetDateTime receivedAt, String actor, List<Line> lines) {

    public record Line(String sku, long quantity, String lot, LocalDate expiresOn) {
    }
}
