package io.stockline.inventory.planning.repository;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.domain.DemandDay;
import io.stockline.inventory.planning.domain.LedgerDay;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Daily demand per SKU and location, read from the ledger in one statement. */
@ApplicationScoped
public class DemandRepository {

    /*
     * One row per location holding our own stock of the SKU and per day of [from, to] (generate_series), so a day
     * without movements is a day of zero demand, not a missing one. Demand is SALE and COMMIT (shipped reservations);
     * RETURN and TRANSFER_OUT are summed apart. A day is a stockout day when available was at or under 0 at its
     * start (the sum of the ledger before it) or after any of its movements (the running sum of the ledger): its
     * sales are censored. A promotion day is one inside a promotion window of the SKU there or everywhere.
     */
    private static final String HISTORY = """
            WITH places AS (
                SELECT s.location FROM stock_level s JOIN location l ON l.code = s.location
                WHERE s.sku = :sku AND l.type <> 'SUPPLIER'
            ), days AS (
                SELECT CAST(d AS date) AS day
                FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') AS d
            ), moves AS (
                SELECT m.location, CAST(timezone(CAST(:zone AS text), m.created_at) AS date) AS day, m.type,
                       m.quantity, m.d_available,
                       sum(m.d_available) OVER (PARTITION BY m.location ORDER BY m.id) AS available_after
                FROM movement m WHERE m.sku = :sku AND m.location IN (SELECT location FROM places)
            ), daily AS (
                SELECT location, day,
                       sum(quantity) FILTER (WHERE type IN ('SALE', 'COMMIT')) AS sold,
                       sum(quantity) FILTER (WHERE type = 'RETURN') AS returned,
                       sum(quantity) FILTER (WHERE type = 'TRANSFER_OUT') AS transferred,
                       sum(d_available) AS net,
                       min(available_after) AS lowest
                FROM moves WHERE day BETWEEN CAST(:from AS date) AND CAST(:to AS date)
                GROUP BY location, day
            ), opening AS (
                SELECT p.location, coalesce(sum(m.d_available), 0) AS available
                FROM places p LEFT JOIN moves m ON m.location = p.location AND m.day < CAST(:from AS date)
                GROUP BY p.location
            )
            SELECT o.location, d.day, CAST(coalesce(x.sold, 0) AS bigint), CAST(coalesce(x.returned, 0) AS bigint),
                   CAST(coalesce(x.transferred, 0) AS bigint),
                   (o.available + coalesce(sum(x.net) OVER (PARTITION BY o.location ORDER BY d.day
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) <= 0)
                       OR coalesce(x.lowest, 1) <= 0,
                   EXISTS (SELECT 1 FROM planning_promotion pr WHERE pr.sku = :sku
                           AND (pr.location IS NULL OR pr.location = o.location)
                           AND d.day BETWEEN pr.starts_on AND pr.ends_on)
            FROM opening o CROSS JOIN days d
            LEFT JOIN daily x ON x.location = o.location AND x.day = d.day
            ORDER BY o.location, d.day
            """;

    /** Each location's days of [from, to], oldest first, one per day. */
    public Uni<Map<String, List<LedgerDay>>> history(String sku, LocalDate from, LocalDate to, ZoneId zone) {
        return NativeSql.of(HISTORY)
                .set("sku", sku).set("from", from).set("to", to)
                .set("zone", zone.getId())
                .rows()
                .map(rows -> {
                    Map<String, List<LedgerDay>> byLocation = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        DemandDay demand = new DemandDay(Rows.date(row[1]), Rows.longValue(row[2]), Rows.bool(row[5]),
                                Rows.bool(row[6]));
                        byLocation.computeIfAbsent((String) row[0], ignored -> new ArrayList<>())
                                .add(new LedgerDay(demand, Rows.longValue(row[3]), Rows.longValue(row[4])));
                    }
                    return byLocation;
                });
    }
}
