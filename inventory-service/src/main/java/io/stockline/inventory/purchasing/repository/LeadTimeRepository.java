package io.stockline.inventory.purchasing.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.purchasing.domain.LeadTime;
import io.stockline.platform.sql.NativeSql;

/** Lead times per supplier and SKU, kept as running count, mean and squared deviations (Welford). */
@ApplicationScoped
public class LeadTimeRepository {

    /** Adds one receipt's lead time; in SQL so concurrent receipts of one SKU cannot lose an update. */
    public Uni<Void> record(String supplier, String sku, double days) {
        return NativeSql.of("""
                INSERT INTO supplier_lead_time AS t (supplier, sku, receipts, mean_days, m2)
                VALUES (:supplier, :sku, 1, :days, 0)
                ON CONFLICT (supplier, sku) DO UPDATE SET
                    receipts = t.receipts + 1,
                    mean_days = t.mean_days + (:days - t.mean_days) / (t.receipts + 1),
                    m2 = t.m2 + (:days - t.mean_days) * (:days - (t.mean_days + (:days - t.mean_days) / (t.receipts + 1)))""")
                .set("supplier", supplier).set("sku", sku).set("days", days)
                .update()
                .replaceWithVoid();
    }

    public Uni<Map<String, LeadTime>> ofSupplier(String supplier) {
        return NativeSql.of(
                "SELECT sku, receipts, mean_days, m2 FROM supplier_lead_time WHERE supplier = :supplier")
                .set("supplier", supplier).rows()
                .map(LeadTimeRepository::bySku);
    }

    private static Map<String, LeadTime> bySku(List<Object[]> rows) {
        Map<String, LeadTime> result = new HashMap<>();
        for (Object[] row : rows) {
            result.put((String) row[0], LeadTime.of(((Number) row[1]).longValue(), ((Number) row[2]).doubleValue(),
                    ((Number) row[3]).doubleValue()));
        }
        return result;
    }
}
