package io.stockline.inventory.purchasing.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A purchase order as the API shows it; {@code outstanding} is what is still expected (0 once closed or cancelled). */
public record PurchaseOrderView(String number, String supplier, String location, PurchaseOrderStatus status,
        String currency, LocalDate expectedOn, String createdBy, OffsetDateTime createdAt, OffsetDateTime sentAt,
        OffsetDateTime closedAt, List<Line> lines) {

    public record Line(int line, String sku, long quantity, BigDecimal unitCost, long received, long damaged,
            long outstanding) {
    }
}
