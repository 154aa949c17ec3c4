package io.stockline.inventory.reporting.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.reporting.domain.Activity;
import io.stockline.inventory.reporting.domain.Costing;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * The two reads every report is made of, each one set-based statement: the movements that changed the units owned
 * (for the costs), and the activity per SKU and location over a period of days (balances rebuilt backwards from now
 * with window functions over the ledger's daily sums). Standard items only, at our locations (not SUPPLIER ones).
 */
@ApplicationScoped
public class ReportRepository {

    // Transfers change where units are, not how many we own (on hand + in transit), so they are left out. A receipt
    // against a purchase order (reference = the order number) costs its line's unit cost.
    private static final String COST_MOVEMENTS = """
            SELECT m.sku, m.location, m.type, m.d_on_hand + m.d_in_transit, m.created_at, pl.unit_cost, i.unit_cost
            FROM movement m
            JOIN item i ON i.sku = m.sku AND i.kind = 'STANDARD'
            JOIN location lo ON lo.code = m.location AND lo.type <> 'SUPPLIER'
            LEFT JOIN purchase_order_line pl ON m.type = 'RECEIPT' AND pl.number = m.reference AND pl.sku = m.sku
            WHERE m.type NOT IN ('TRANSFER_OUT', 'TRANSFER_IN') AND m.d_on_hand + m.d_in_transit <> 0
            ORDER BY m.sku, m.id""";

    // The balance at the end of a day is today's minus every change made on a later day: a window summing, newest
    // day first, the days before the current row. The grid runs up to today so changes after `to` are taken back too.
    // keys is MATERIALIZED so each key's first movement and last sale are looked up once, not once per day of the grid
    // (inlined, the planner ran both subqueries for every grid row: seconds over a busy ledger). The days are counted
    // with an integer series, whose length the planner knows, where a date series is guessed at 1000 rows: that guess
    // made every report look a thousand times dearer than it is, and PostgreSQL spent seconds JIT-compiling it.
    private static final String ACTIVITY = """
            WITH keys AS MATERIALIZED (
                SELECT s.sku, s.location, s.on_hand, s.available, s.in_transit,
                       (SELECT CAST(min(m.created_at) AT TIME ZONE 'UTC' AS DATE) FROM movement m
                         WHERE m.sku = s.sku AND m.location = s.location) AS since,
                       (SELECT max(m.created_at) FROM movement m
                         WHERE m.sku = s.sku AND m.location = s.location AND m.type IN ('SALE', 'COMMIT')) AS last_sale
                FROM stock_level s
                JOIN item i ON i.sku = s.sku AND i.kind = 'STANDARD'
                JOIN location l ON l.code = s.location AND l.type <> 'SUPPLIER'
                WHERE (:location = '' OR s.location = :location)),
            days AS (
                SELECT CAST(:from AS DATE) + n AS day
                FROM generate_series(0, CAST(:today AS DATE) - CAST(:from AS DATE)) n),
            moves AS (
                SELECT m.sku, m.location, CAST(m.created_at AT TIME ZONE 'UTC' AS DATE) AS day,
                       sum(m.d_available) AS d_available, sum(m.d_on_hand) AS d_on_hand,
                       sum(CASE WHEN m.type IN ('SALE', 'COMMIT') THEN m.quantity ELSE 0 END) AS sold,
                       sum(CASE WHEN m.type = 'RECEIPT' THEN m.quantity ELSE 0 END) AS received
                FROM movement m
                WHERE m.created_at >= :start AND (:location = '' OR m.location = :location)
                GROUP BY 1, 2, 3),
            grid AS (
                SELECT k.sku, k.location, d.day, k.since, k.on_hand, k.in_transit, k.last_sale,
                       k.available - coalesce(sum(mv.d_available) OVER later, 0) AS available_end,
                       k.on_hand - coalesce(sum(mv.d_on_hand) OVER later, 0) AS on_hand_end,
                       coalesce(mv.d_on_hand, 0) AS d_on_hand, coalesce(mv.sold, 0) AS sold,
                       coalesce(mv.received, 0) AS received
                FROM keys k CROSS JOIN days d
                LEFT JOIN moves mv ON mv.sku = k.sku AND mv.location = k.location AND mv.day = d.day
                WINDOW later AS (PARTITION BY k.sku, k.location ORDER BY d.day DESC
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
            SELECT sku, location,
                   count(*) FILTER (WHERE day <= :to AND day >= since),
                   count(*) FILTER (WHERE day <= :to AND day >= since AND available_end <= 0),
                   coalesce(sum(on_hand_end) FILTER (WHERE day <= :to), 0),
                   coalesce(max(on_hand_end - d_on_hand) FILTER (WHERE day = :from), 0),
                   coalesce(sum(sold) FILTER (WHERE day <= :to), 0),
                   coalesce(sum(received) FILTER (WHERE day <= :to), 0),
                   max(on_hand), max(in_transit), max(last_sale)
            FROM grid
            GROUP BY sku, location
            ORDER BY sku, location""";

    /** Every movement that changed the units owned of a standard item, in ledger order per SKU. */
    public Uni<List<Costing.Movement>> costMovements() {
        return NativeSql.of(COST_MOVEMENTS)
                .list(r -> new Costing.Movement((String) r[0], (String) r[1], (String) r[2],
                        Rows.longValue(r[3]), Rows.time(r[4]), (BigDecimal) r[5], (BigDecimal) r[6]));
    }

    /** Activity per SKU and location (at {@code location} only when not null) over the UTC days from to to. */
    public Uni<List<Activity>> activity(LocalDate from, LocalDate to, LocalDate today, String location) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        return NativeSql.of(ACTIVITY)
                .set("location", location == null ? "" : location)
                .set("from", from).set("to", to).set("today", today)
                .set("start", start)
                .list(r -> new Activity((String) r[0], (String) r[1], Rows.longValue(r[2]),
                        Rows.longValue(r[3]), Rows.longValue(r[4]), Rows.longValue(r[5]), Rows.longValue(r[6]),
                        Rows.longValue(r[7]), Rows.longValue(r[8]), Rows.longValue(r[9]), Rows.time(r[10])));
    }
}
