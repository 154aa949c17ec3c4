package io.stockline.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.ReorderPoint;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** The computed reorder point of each (SKU, location), the latest by computed_at (table reorder_point). */
@ApplicationScoped
public class ReorderPointRepository {

    /** Stores the point unless a later one is stored already; false when it was older (or the same). */
    public Uni<Boolean> saveIfNewer(ReorderPoint point) {
        return NativeSql.of("""
                INSERT INTO reorder_point AS r (sku, location, reorder_point, safety_stock, computed_at)
                VALUES (:sku, :location, :reorderPoint, :safetyStock, :computedAt)
                ON CONFLICT (sku, location) DO UPDATE SET reorder_point = EXCLUDED.reorder_point,
                    safety_stock = EXCLUDED.safety_stock, computed_at = EXCLUDED.computed_at, updated_at = now()
                WHERE r.computed_at < EXCLUDED.computed_at""")
                .set("sku", point.sku()).set("location", point.location())
                .set("reorderPoint", point.reorderPoint()).set("safetyStock", point.safetyStock())
                .set("computedAt", point.computedAt())
                .update()
                .map(count -> count == 1);
    }

    /** The computed reorder point, or null when none was received. */
    public Uni<Long> find(String sku, String location) {
        if (sku == null || location == null) {
            return Uni.createFrom().nullItem();
        }
        return NativeSql.of(
                "SELECT reorder_point FROM reorder_point WHERE sku = :sku AND location = :location")
                .set("sku", sku).set("location", location).first(row -> Rows.longValue(row[0]));
    }
}
