package io.stockline.inventory.purchasing.rest;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;

import io.stockline.inventory.purchasing.domain.PurchaseOrderView;

/** A purchase order as CSV with a header row, written by Jackson's CSV module (quoting and escaping included). */
@ApplicationScoped
public class PurchaseOrderCsv {

    @JsonPropertyOrder({ "number", "supplier", "location", "status", "currency", "expectedOn", "line", "sku",
            "quantity", "unitCost", "received", "damaged", "outstanding" })
    public record Row(String number, String supplier, String location, String status, String currency,
            LocalDate expectedOn, int line, String sku, long quantity, BigDecimal unitCost, long received, long damaged,
            long outstanding) {
    }

    private final ObjectWriter writer;

    public PurchaseOrderCsv() {
        CsvMapper mapper = new CsvMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        writer = mapper.writer(mapper.schemaFor(Row.class).withHeader());
    }

    public String write(PurchaseOrderView order) {
        try {
            return writer.writeValueAsString(order.lines().stream()
                    .map(l -> new Row(order.number(), order.supplier(), order.location(), order.status().name(),
                            order.currency(), order.expectedOn(), l.line(), l.sku(), l.quantity(), l.unitCost(),
                            l.received(), l.damaged(), l.outstanding()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
