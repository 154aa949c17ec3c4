package io.stockline.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.ReorderPoint;
import io.stockline.platform.sql.Rows;

/** The computed reorder point of each (SKU, location), the latest by computed_at (table reorder_point). */
@ApplicationScoped
public class ReorderPointRepository {

    /** Stores the point unless a later one is stored already; false when it was older (or the same). */
    public Uni<Boolean> saveIfNewer(ReorderPoint point) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO reorder_point AS r (sku, location, reorder_point, safety_stock, computed_at)
                VALUES (:sku, :location, :reorderPoint, :safetyStock, :computedAt)
                ON CONFLICT (sku, location) DO UPDATE SET reorder_point = EXCLUDED.reorder_point,
                    safety_stock = EXCLUDED.safety_stock, computed_at = EXCLUDED.computed_at, updated_at = now()
                WHERE r.computed_at < EXCLUDED.computed_at""")
                .setParameter("sku", point.sku()).setParameter("location", point.location())
                .setParameter("reorderPoint", point.reorderPoint()).setParameter("safetyStock", point.safetyStock())
                .setParameter("computedAt", point.computedAt())
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** The computed reorder point, or null when none was received. */
    public Uni<Long> find(String sku, String location) {
        if (sku == null || location == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT reorder_point FROM reorder_point WHERE sku = :sku AND location = :location", Object.class)
                .setParameter("sku", sku).setParameter("location", location).getResultList())
                .map(rows -> rows.isEmpty() ? null : Rows.longValue(rows.get(0)));
    }
}
