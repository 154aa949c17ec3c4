package io.stockline.inventory.availability.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.availability.domain.Availability;
import io.stockline.inventory.availability.domain.Supply;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Everything an availability answer needs, read in one statement (one round trip, no query per order or transfer):
 * the item, what is available per location, the open purchase order lines and transfers in transit to the locations
 * in scope, the suppliers of the item with their lead times, and planning's reorder policies of the item at the
 * locations in scope. V12 indexes the lines and supplier items by SKU; the policies are found by their primary key
 * (SKU, location).
 */
@ApplicationScoped
public class AvailabilityRepository {

    /** The transit time of a route is the mean over this many of its latest transfers that arrived. */
    static final int ROUTE_SAMPLE = 20;

    /**
     * What the statement found; {@code known} is false when there is no item with the SKU, {@code locationKnown} when
     * the location asked for does not exist.
     */
    public record Facts(boolean known, boolean locationKnown, List<Availability.AtLocation> stock, List<Supply> open,
            List<Supply> suppliers, List<Availability.Policy> policies) {
    }

    // Dates are UTC days. A purchase order's date: its expected date, else its sending day plus the lead time measured
    // for the supplier and SKU, else the supplier's nominal one. A transfer's: its shipping day plus the mean time from
    // shipping to first receipt measured on the latest transfers that arrived on the same route, else the configured
    // default. A policy row carries its supplier, location, reorder point, lead time (and whether it was measured)
    // and its daily demand forecast in `rate`, the one column only it uses.
    private static final String FACTS = """
            SELECT 'ITEM' AS kind, i.kind AS reference, CAST(NULL AS TEXT) AS location, CAST(0 AS BIGINT) AS quantity,
                   CAST(NULL AS DATE) AS expected_on, CAST(NULL AS DATE) AS since,
                   CAST(NULL AS DOUBLE PRECISION) AS days, CAST(NULL AS TEXT) AS basis,
                   CAST(NULL AS DOUBLE PRECISION) AS rate
            FROM item i WHERE i.sku = $1
            UNION ALL
            SELECT 'LOCATION', code, code, 0, NULL, NULL, NULL, NULL, NULL FROM location WHERE code = $2
            UNION ALL
            SELECT 'STOCK', NULL, s.location, s.available, NULL, NULL, NULL, NULL, NULL
            FROM stock_level s
            WHERE s.sku = $1 AND s.available > 0 AND ($2 = '' OR s.location = $2)
            UNION ALL
            SELECT 'PURCHASE_ORDER', o.number, o.location, l.quantity - l.received, o.expected_on,
                   CAST(o.sent_at AT TIME ZONE 'UTC' AS DATE),
                   CAST(CASE WHEN lt.receipts > 0 THEN lt.mean_days ELSE sp.lead_time_days END AS DOUBLE PRECISION),
                   CASE WHEN o.expected_on IS NOT NULL THEN 'EXPECTED_DATE'
                        WHEN lt.receipts > 0 THEN 'MEASURED_LEAD_TIME' ELSE 'SUPPLIER_LEAD_TIME' END,
                   NULL
            FROM purchase_order_line l
            JOIN purchase_order o ON o.number = l.number
            JOIN supplier sp ON sp.code = o.supplier
            LEFT JOIN supplier_lead_time lt ON lt.supplier = o.supplier AND lt.sku = l.sku
            WHERE l.sku = $1 AND o.status IN ('SENT', 'PARTIALLY_RECEIVED') AND l.quantity > l.received
              AND ($2 = '' OR o.location = $2)
            UNION ALL
            SELECT 'TRANSFER', t.number, t.to_location, l.quantity - l.received - l.lost, NULL,
                   CAST(t.shipped_at AT TIME ZONE 'UTC' AS DATE),
                   coalesce(CAST(route.days AS DOUBLE PRECISION), CAST($3 AS DOUBLE PRECISION)),
                   CASE WHEN route.days IS NULL THEN 'DEFAULT_TRANSIT_TIME' ELSE 'MEASURED_TRANSIT_TIME' END,
                   NULL
            FROM transfer_line l
            JOIN transfer t ON t.number = l.number
            LEFT JOIN LATERAL (
                SELECT avg(EXTRACT(EPOCH FROM first_receipt.at - p.shipped_at)) / 86400 AS days
                FROM (SELECT q.number, q.shipped_at FROM transfer q
                      WHERE q.from_location = t.from_location AND q.to_location = t.to_location
                        AND q.status IN ('PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED')
                      ORDER BY q.shipped_at DESC LIMIT CAST($4 AS BIGINT)) p
                JOIN LATERAL (SELECT min(r.received_at) AS at FROM transfer_receipt r WHERE r.number = p.number)
                     first_receipt ON first_receipt.at IS NOT NULL) route ON TRUE
            WHERE l.sku = $1 AND t.status IN ('SHIPPED', 'PARTIALLY_RECEIVED') AND l.quantity > l.received + l.lost
              AND ($2 = '' OR t.to_location = $2)
            UNION ALL
            SELECT 'SUPPLIER', si.supplier, NULL, 0, NULL, NULL,
                   CAST(CASE WHEN lt.receipts > 0 THEN lt.mean_days ELSE sp.lead_time_days END AS DOUBLE PRECISION),
                   CASE WHEN lt.receipts > 0 THEN 'MEASURED_LEAD_TIME' ELSE 'SUPPLIER_LEAD_TIME' END,
                   NULL
            FROM supplier_item si
            JOIN supplier sp ON sp.code = si.supplier
            LEFT JOIN supplier_lead_time lt ON lt.supplier = si.supplier AND lt.sku = si.sku
            WHERE si.sku = $1
            UNION ALL
            SELECT 'POLICY', p.supplier, p.location, p.reorder_point, NULL, NULL, p.lead_time_days,
                   CASE WHEN p.lead_time_measured THEN 'MEASURED_LEAD_TIME' ELSE 'SUPPLIER_LEAD_TIME' END,
                   p.daily_forecast
            FROM planning_policy p
            WHERE p.sku = $1 AND ($2 = '' OR p.location = $2)""";

    private final Pool pool;

    public AvailabilityRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The facts about {@code sku}, at {@code location} only when it is not null. On the reactive client directly, not
     * through a Hibernate session: a read of a few rows on the hot path of a chatbot, with nothing to manage.
     */
    public Uni<Facts> facts(String sku, String location, int defaultTransitDays) {
        return pool.preparedQuery(FACTS)
                .execute(Tuple.of(sku, location == null ? "" : location, (double) defaultTransitDays,
                        (long) ROUTE_SAMPLE))
                .map(AvailabilityRepository::facts);
    }

    private static Facts facts(RowSet<Row> rows) {
        boolean known = false;
        boolean locationKnown = false;
        List<Availability.AtLocation> stock = new ArrayList<>();
        List<Supply> open = new ArrayList<>();
        List<Supply> suppliers = new ArrayList<>();
        List<Availability.Policy> policies = new ArrayList<>();
        for (Row r : rows) {
            String kind = r.getString(0);
            switch (kind) {
                case "ITEM" -> known = true;
                case "LOCATION" -> locationKnown = true;
                case "STOCK" -> stock.add(new Availability.AtLocation(r.getString(2), r.getLong(3)));
                case "POLICY" -> policies.add(new Availability.Policy(r.getString(2), r.getString(1), r.getLong(3),
                        r.getDouble(8), r.getDouble(6), "MEASURED_LEAD_TIME".equals(r.getString(7))));
                default -> {
                    Supply supply = new Supply(Supply.Source.valueOf(kind), r.getString(1), r.getString(2), r.getLong(3),
                            r.getLocalDate(4), r.getLocalDate(5), r.getDouble(6), Supply.Basis.valueOf(r.getString(7)));
                    (supply.source() == Supply.Source.SUPPLIER ? suppliers : open).add(supply);
                }
            }
        }
        return new Facts(known, locationKnown, stock, open, suppliers, policies);
    }
}
