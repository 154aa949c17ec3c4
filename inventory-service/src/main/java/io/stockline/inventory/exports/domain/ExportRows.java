package io.stockline.inventory.exports.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The rows of the CSV exports; the property order is the column order. */
public final class ExportRows {

    private ExportRows() {
    }

    /** A balance of one SKU at one location. */
    @JsonPropertyOrder({ "sku", "location", "onHand", "available", "committed", "reserved", "damaged", "qualityControl",
            "safetyStock", "incoming", "inTransit" })
    public record StockRow(String sku, String location, long onHand, long available, long committed, long reserved,
            long damaged, long qualityControl, long safetyStock, long incoming, long inTransit) {
    }

    /** On hand of one lot of a SKU at one location; an item that is not lot-tracked has one row with no lot. */
    @JsonPropertyOrder({ "sku", "location", "lot", "expiresOn", "onHand" })
    public record LotRow(String sku, String location, String lot, LocalDate expiresOn, long onHand) {
    }

    /** One ledger entry with the change it made to every state. */
    @JsonPropertyOrder({ "id", "createdAt", "type", "sku", "location", "quantity", "lot", "expiresOn", "onHand",
            "available", "committed", "reserved", "damaged", "qualityControl", "safetyStock", "incoming", "inTransit",
            "resultingVersion", "actor", "reason", "reference" })
    public record LedgerRow(long id, OffsetDateTime createdAt, String type, String sku, String location, long quantity,
            String lot, LocalDate expiresOn, long onHand, long available, long committed, long reserved, long damaged,
            long qualityControl, long safetyStock, long incoming, long inTransit, long resultingVersion, String actor,
            String reason, String reference) {
    }

    /** One line of a purchase order, the order's facts repeated (as GET /purchase-orders/{number} in CSV). */
    @JsonPropertyOrder({ "number", "supplier", "location", "status", "currency", "expectedOn", "line", "sku",
            "quantity", "unitCost", "received", "damaged", "outstanding" })
    public record PurchaseOrderRow(String number, String supplier, String location, String status, String currency,
            LocalDate expectedOn, int line, String sku, long quantity, BigDecimal unitCost, long received, long damaged,
            long outstanding) {
    }
}
