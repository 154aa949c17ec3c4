package io.stockline.inventory.exports.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.exports.domain.ExportRows.LedgerRow;
import io.stockline.inventory.exports.domain.ExportRows.LotRow;
import io.stockline.inventory.exports.domain.ExportRows.PurchaseOrderRow;
import io.stockline.inventory.exports.domain.ExportRows.StockRow;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * Pages of what the exports write, each after the last row of the page before (keyset paging), so an export of any
 * size holds one page in memory and never rereads what it skipped.
 */
@ApplicationScoped
public class ExportRepository {

    /** Balances by location, then SKU, after ({@code location}, {@code sku}). */
    public Uni<List<StockRow>> stock(String location, String sku, int limit) {
        return NativeSql.of("""
                SELECT sku, location, on_hand, available, committed, reserved, damaged, quality_control, safety_stock,
                       incoming, in_transit
                FROM stock_level WHERE (location, sku) > (:location, :sku)
                ORDER BY location, sku LIMIT :limit""")
                .set("location", location).set("sku", sku).set("limit", limit)
                .list(r -> new StockRow((String) r[0], (String) r[1], Rows.longValue(r[2]),
                        Rows.longValue(r[3]), Rows.longValue(r[4]), Rows.longValue(r[5]), Rows.longValue(r[6]),
                        Rows.longValue(r[7]), Rows.longValue(r[8]), Rows.longValue(r[9]), Rows.longValue(r[10])));
    }

    /**
     * On hand by location, SKU and lot after ({@code location}, {@code sku}, {@code lot}): the lots of lot-tracked
     * items, and one row with an empty lot for each item that is not lot-tracked.
     */
    public Uni<List<LotRow>> lots(String location, String sku, String lot, int limit) {
        return NativeSql.of("""
                SELECT sku, location, lot, expires_on, on_hand FROM (
                    SELECT b.sku, b.location, b.lot, b.expires_on, b.on_hand FROM lot_balance b WHERE b.on_hand > 0
                    UNION ALL
                    SELECT s.sku, s.location, '', NULL, s.on_hand FROM stock_level s JOIN item i ON i.sku = s.sku
                    WHERE NOT i.lot_tracked AND s.on_hand > 0) held
                WHERE (location, sku, lot) > (:location, :sku, :lot)
                ORDER BY location, sku, lot LIMIT :limit""")
                .set("location", location).set("sku", sku).set("lot", lot)
                .set("limit", limit)
                .list(r -> new LotRow((String) r[0], (String) r[1], (String) r[2],
                        Rows.date(r[3]), Rows.longValue(r[4])));
    }

    /** Ledger entries made in [{@code from}, {@code until}), by id after {@code afterId}. */
    public Uni<List<LedgerRow>> ledger(OffsetDateTime from, OffsetDateTime until, long afterId, int limit) {
        return NativeSql.of("""
                SELECT id, created_at, type, sku, location, quantity, lot, expires_on, d_on_hand, d_available,
                       d_committed, d_reserved, d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit,
                       resulting_version, actor, reason, reference
                FROM movement WHERE created_at >= :from AND created_at < :until AND id > :after
                ORDER BY id LIMIT :limit""")
                .set("from", from).set("until", until).set("after", afterId)
                .set("limit", limit)
                .list(r -> new LedgerRow(Rows.longValue(r[0]), Rows.time(r[1]),
                        (String) r[2], (String) r[3], (String) r[4], Rows.longValue(r[5]), (String) r[6],
                        Rows.date(r[7]), Rows.longValue(r[8]), Rows.longValue(r[9]), Rows.longValue(r[10]),
                        Rows.longValue(r[11]), Rows.longValue(r[12]), Rows.longValue(r[13]), Rows.longValue(r[14]),
                        Rows.longValue(r[15]), Rows.longValue(r[16]), Rows.longValue(r[17]), (String) r[18],
                        (String) r[19], (String) r[20]));
    }

    /** Purchase order lines by order number and line after ({@code number}, {@code line}), of one status or all. */
    public Uni<List<PurchaseOrderRow>> purchaseOrderLines(String status, String number, int line, int limit) {
        String sql = """
                SELECT o.number, o.supplier, o.location, o.status, o.currency, o.expected_on, l.line, l.sku,
                       l.quantity, l.unit_cost, l.received, l.damaged
                FROM purchase_order o JOIN purchase_order_line l ON l.number = o.number
                WHERE (o.number, l.line) > (:number, :line)""" + (status == null ? "" : " AND o.status = :status")
                + " ORDER BY o.number, l.line LIMIT :limit";
        NativeSql query = NativeSql.of(sql)
                .set("number", number).set("line", line).set("limit", limit);
        if (status != null) {
            query.set("status", status);
        }
        return query.list(r -> {
            String orderStatus = (String) r[3];
            long quantity = Rows.longValue(r[8]);
            long received = Rows.longValue(r[10]);
            // As the API shows an order: nothing is outstanding once it is closed or cancelled.
            boolean open = !orderStatus.equals("CLOSED") && !orderStatus.equals("CANCELLED");
            return new PurchaseOrderRow((String) r[0], (String) r[1], (String) r[2], orderStatus, (String) r[4],
                    Rows.date(r[5]), Rows.intOrNull(r[6]), (String) r[7], quantity, (BigDecimal) r[9], received,
                    Rows.longValue(r[11]), open ? Math.max(0, quantity - received) : 0);
        });
    }
}
