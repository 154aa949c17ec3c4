package io.stockline.inventory.purchasing.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** One receipt against a purchase order: what arrived, each line at the unit cost it is valued at. */
public record ReceiptView(long id, String number, OffsetDateTime receivedAt, String actor, List<Line> lines) {

    public record Line(String sku, long quantity, long damaged, String lot, LocalDate expiresOn, BigDecimal unitCost) {
    }
}
