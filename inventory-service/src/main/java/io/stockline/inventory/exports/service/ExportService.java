package io.stockline.inventory.exports.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.exports.domain.ExportRows.LedgerRow;
import io.stockline.inventory.exports.domain.ExportRows.LotRow;
import io.stockline.inventory.exports.domain.ExportRows.PurchaseOrderRow;
import io.stockline.inventory.exports.domain.ExportRows.StockRow;
import io.stockline.inventory.exports.repository.ExportRepository;
import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;
import io.stockline.platform.sql.Transactions;

/**
 * CSV exports, written by Jackson's CSV module and streamed: the header, then one chunk of CSV per page read from the
 * repository (each page on a connection of its own), so an export of 100,000 rows never sits in memory whole.
 */
@ApplicationScoped
public class ExportService {

    /** Rows per page read and per chunk written. */
    static final int PAGE = 1000;

    private static final CsvMapper CSV = csvMapper();

    private final ExportRepository exports;
    private final Transactions transactions;

    public ExportService(ExportRepository exports, Transactions transactions) {
        this.exports = exports;
        this.transactions = transactions;
    }

    public Multi<String> stockByLocation() {
        return csv(StockRow.class, (StockRow last) -> transactions.onConnection(() -> last == null
                ? exports.stock("", "", PAGE) : exports.stock(last.location(), last.sku(), PAGE)));
    }

    public Multi<String> stockByLot() {
        return csv(LotRow.class, (LotRow last) -> transactions.onConnection(() -> last == null
                ? exports.lots("", "", "", PAGE) : exports.lots(last.location(), last.sku(), last.lot(), PAGE)));
    }

    /** Ledger entries from the start of {@code from} to the end of {@code to} (UTC days), oldest first. */
    public Multi<String> ledger(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return csv(LedgerRow.class, (LedgerRow last) -> transactions.onConnection(
                () -> exports.ledger(start, end, last == null ? 0 : last.id(), PAGE)));
    }

    /** Every line of every purchase order, or of those in {@code status} when given. */
    public Multi<String> purchaseOrders(PurchaseOrderStatus status) {
        String wanted = status == null ? null : status.name();
        return csv(PurchaseOrderRow.class, (PurchaseOrderRow last) -> transactions.onConnection(() -> last == null
                ? exports.purchaseOrderLines(wanted, "", 0, PAGE)
                : exports.purchaseOrderLines(wanted, last.number(), last.line(), PAGE)));
    }

    /**
     * Rows already in memory (a report: one row per SKU at most) as one CSV text with a header row, written the way
     * the exports write theirs: the property order of {@code type} is the column order.
     */
    public static <R> String csv(Class<R> type, List<R> rows) {
        CsvSchema schema = CSV.schemaFor(type);
        return header(schema) + write(CSV.writer(schema.withoutHeader()), rows);
    }

    /** The header, then the pages: each read after the last row of the one before, until one comes back short. */
    private static <R> Multi<String> csv(Class<R> type, Function<R, Uni<List<R>>> pageAfter) {
        CsvSchema schema = CSV.schemaFor(type);
        ObjectWriter rows = CSV.writer(schema.withoutHeader());
        Multi<String> pages = Multi.createBy().repeating()
                .uni(() -> new Object[1], last -> {
                    @SuppressWarnings("unchecked")
                    R after = (R) last[0];
                    return pageAfter.apply(after).invoke(page -> {
                        if (!page.isEmpty()) {
                            last[0] = page.get(page.size() - 1);
                        }
                    });
                })
                .whilst(page -> page.size() == PAGE)
                .filter(page -> !page.isEmpty())
                .map(page -> write(rows, page));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(() -> header(schema)), pages);
    }

    private static String header(CsvSchema schema) {
        try {
            return CSV.writer(CsvSchema.emptySchema()).writeValueAsString(schema.getColumnNames());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ObjectWriter writer, List<?> page) {
        try {
            return writer.writeValueAsString(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CsvMapper csvMapper() {
        CsvMapper mapper = new CsvMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }
}
