package io.stockline.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;

/** Recomputes every balance from the ledger in the database, so nothing is loaded into memory. */
@ApplicationScoped
public class AuditRepository {

    /** One (SKU, location) whose balance differs from the sum of its ledger. */
    public record Difference(String sku, String location, String field, long balance, long ledger) {
    }

    private static final List<String[]> FIELDS = List.of(
            new String[] { "onHand", "on_hand" }, new String[] { "available", "available" },
            new String[] { "committed", "committed" }, new String[] { "reserved", "reserved" },
            new String[] { "damaged", "damaged" }, new String[] { "qualityControl", "quality_control" },
            new String[] { "safetyStock", "safety_stock" }, new String[] { "incoming", "incoming" },
            new String[] { "inTransit", "in_transit" });

    public Uni<Long> countBalances() {
        return NativeSql.of("SELECT count(*) FROM stock_level").column(Long.class).map(rows -> rows.get(0));
    }

    /**
     * Every state of every balance against the sum of its ledger entries, and the version against the
     * number of entries (each entry raises it by one).
     */
    public Uni<List<Difference>> differences(int limit) {
        StringBuilder sums = new StringBuilder();
        StringBuilder pairs = new StringBuilder("('version', coalesce(s.version, 0), coalesce(l.entries, 0))");
        for (String[] field : FIELDS) {
            sums.append(", CAST(sum(d_").append(field[1]).append(") AS bigint) AS ").append(field[1]);
            pairs.append(", ('").append(field[0]).append("', coalesce(s.").append(field[1])
                    .append(", 0), coalesce(l.").append(field[1]).append(", 0))");
        }
        String sql = "WITH ledger AS (SELECT sku, location, count(*) AS entries" + sums
                + " FROM movement GROUP BY sku, location)"
                + " SELECT coalesce(s.sku, l.sku), coalesce(s.location, l.location), v.field, v.balance, v.ledger"
                + " FROM stock_level s FULL JOIN ledger l ON l.sku = s.sku AND l.location = s.location"
                + " CROSS JOIN LATERAL (VALUES " + pairs + ") AS v(field, balance, ledger)"
                + " WHERE v.balance <> v.ledger ORDER BY 1, 2, 3 LIMIT :limit";
        return NativeSql.of(sql)
                .set("limit", limit).rows()
                .map(AuditRepository::differences);
    }

    /**
     * For lot-tracked items, the units of their lots at each location against on hand there ({@code field} "lots":
     * {@code balance} is on hand, {@code ledger} the lots' sum), since every change of on hand moves lots with it.
     */
    public Uni<List<Difference>> lotDifferences(int limit) {
        return NativeSql.of("""
                SELECT s.sku, s.location, 'lots', s.on_hand, coalesce(l.units, 0)
                FROM stock_level s
                JOIN item i ON i.sku = s.sku AND i.lot_tracked
                LEFT JOIN (SELECT sku, location, CAST(sum(on_hand) AS bigint) AS units FROM lot_balance
                           GROUP BY sku, location) l ON l.sku = s.sku AND l.location = s.location
                WHERE s.on_hand <> coalesce(l.units, 0)
                ORDER BY 1, 2 LIMIT :limit""")
                .set("limit", limit).rows()
                .map(AuditRepository::differences);
    }

    private static List<Difference> differences(List<Object[]> rows) {
        return rows.stream().map(row -> new Difference((String) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).longValue(), ((Number) row[4]).longValue())).toList();
    }
}
