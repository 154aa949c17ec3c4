package io.stockline.inventory.purchasing.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * Purchase orders and their lines, in SQL. What it returns is plain data: a change to an order or a line is stored
 * only when the caller passes it to {@link #update} or {@link #updateLine}, in its transaction.
 */
@ApplicationScoped
public class PurchaseOrderRepository {

    private static final String COLUMNS =
            "number, supplier, location, status, currency, expected_on, created_by, created_at, sent_at, closed_at";

    private static final String LINE_COLUMNS = "id, number, line, sku, quantity, unit_cost, received, damaged";

    /** PO-000001, PO-000002, ...: from a sequence, so two orders never share a number. */
    public Uni<String> nextNumber() {
        return NativeSql.of("SELECT nextval('purchase_order_number_seq')").column(Long.class)
                .map(numbers -> "PO-%06d".formatted(numbers.get(0)));
    }

    /** The order, or null when there is none. */
    public Uni<PurchaseOrder> findById(String number) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM purchase_order WHERE number = :number")
                .set("number", number)
                .first(PurchaseOrderRepository::toOrder);
    }

    /** The order locked until the transaction ends, so two steps on it (a receipt and a close) queue up. */
    public Uni<PurchaseOrder> lock(String number) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM purchase_order WHERE number = :number FOR UPDATE")
                .set("number", number)
                .first(PurchaseOrderRepository::toOrder);
    }

    /** Inserts the order; the database sets {@code createdAt}, which this puts on the object. */
    public Uni<PurchaseOrder> persist(PurchaseOrder order) {
        return NativeSql.of("""
                INSERT INTO purchase_order (number, supplier, location, status, currency, expected_on, created_by,
                                            sent_at, closed_at)
                VALUES (:number, :supplier, :location, :status, :currency, :expectedOn, :createdBy, :sentAt, :closedAt)
                RETURNING created_at""")
                .set("number", order.number).set("supplier", order.supplier).set("location", order.location)
                .set("status", order.status.name()).set("currency", order.currency)
                .set("expectedOn", order.expectedOn).set("createdBy", order.createdBy)
                .set("sentAt", order.sentAt).set("closedAt", order.closedAt)
                .rows()
                .map(rows -> {
                    order.createdAt = Rows.time(rows.get(0)[0]);
                    return order;
                });
    }

    /** Writes every column the code may change (all but the number and {@code created_at}). */
    public Uni<Void> update(PurchaseOrder order) {
        return NativeSql.of("""
                UPDATE purchase_order SET supplier = :supplier, location = :location, status = :status,
                    currency = :currency, expected_on = :expectedOn, created_by = :createdBy, sent_at = :sentAt,
                    closed_at = :closedAt
                WHERE number = :number""")
                .set("number", order.number).set("supplier", order.supplier).set("location", order.location)
                .set("status", order.status.name()).set("currency", order.currency)
                .set("expectedOn", order.expectedOn).set("createdBy", order.createdBy)
                .set("sentAt", order.sentAt).set("closedAt", order.closedAt)
                .update()
                .replaceWithVoid();
    }

    public Uni<List<PurchaseOrderLine>> lines(String number) {
        return NativeSql.of("SELECT " + LINE_COLUMNS + " FROM purchase_order_line WHERE number = :number ORDER BY line")
                .set("number", number)
                .list(PurchaseOrderRepository::toLine);
    }

    /** Inserts the line; the database picks its id, which this puts on the object. */
    public Uni<Void> persistLine(PurchaseOrderLine line) {
        return NativeSql.of("""
                INSERT INTO purchase_order_line (number, line, sku, quantity, unit_cost, received, damaged)
                VALUES (:number, :line, :sku, :quantity, :unitCost, :received, :damaged)
                RETURNING id""")
                .set("number", line.number).set("line", line.line).set("sku", line.sku)
                .set("quantity", line.quantity).set("unitCost", line.unitCost)
                .set("received", line.received).set("damaged", line.damaged)
                .rows()
                .invoke(rows -> line.id = Rows.longValue(rows.get(0)[0]))
                .replaceWithVoid();
    }

    /** Writes every column of the line but its id (a receipt changes {@code received} and {@code damaged}). */
    public Uni<Void> updateLine(PurchaseOrderLine line) {
        return NativeSql.of("""
                UPDATE purchase_order_line SET number = :number, line = :line, sku = :sku, quantity = :quantity,
                    unit_cost = :unitCost, received = :received, damaged = :damaged
                WHERE id = :id""")
                .set("id", line.id).set("number", line.number).set("line", line.line).set("sku", line.sku)
                .set("quantity", line.quantity).set("unitCost", line.unitCost)
                .set("received", line.received).set("damaged", line.damaged)
                .update()
                .replaceWithVoid();
    }

    /** Orders newest first, optionally of one status or supplier, {@code limit} after skipping {@code page} pages. */
    public Uni<List<PurchaseOrder>> search(PurchaseOrderStatus status, String supplier, int page, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM purchase_order WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (supplier != null) {
            sql.append(" AND supplier = :supplier");
        }
        sql.append(" ORDER BY created_at DESC, number DESC")
                .append(" LIMIT CAST(:limit AS bigint) OFFSET CAST(:offset AS bigint)");
        // the offset in a long and bound as bigint: a page far beyond the rows (page 2147483646 of 100) holds no row,
        // rather than overflowing into a negative offset
        NativeSql query = NativeSql.of(sql.toString())
                .set("limit", (long) limit).set("offset", (long) page * limit);
        if (status != null) {
            query.set("status", status.name());
        }
        if (supplier != null) {
            query.set("supplier", supplier);
        }
        return query.list(PurchaseOrderRepository::toOrder);
    }

    private static PurchaseOrder toOrder(Object[] row) {
        PurchaseOrder order = new PurchaseOrder();
        order.number = Rows.text(row[0]);
        order.supplier = Rows.text(row[1]);
        order.location = Rows.text(row[2]);
        order.status = PurchaseOrderStatus.valueOf(Rows.text(row[3]));
        order.currency = Rows.text(row[4]);
        order.expectedOn = Rows.date(row[5]);
        order.createdBy = Rows.text(row[6]);
        order.createdAt = Rows.time(row[7]);
        order.sentAt = Rows.time(row[8]);
        order.closedAt = Rows.time(row[9]);
        return order;
    }

    private static PurchaseOrderLine toLine(Object[] row) {
        PurchaseOrderLine line = new PurchaseOrderLine();
        line.id = Rows.longValue(row[0]);
        line.number = Rows.text(row[1]);
        line.line = Rows.intOrNull(row[2]);
        line.sku = Rows.text(row[3]);
        line.quantity = Rows.longValue(row[4]);
        line.unitCost = Rows.decimal(row[5]);
        line.received = Rows.longValue(row[6]);
        line.damaged = Rows.longValue(row[7]);
        return line;
    }
}
