package io.stockline.allocation.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The read model of available units per (SKU, location); the highest version seen wins. */
@ApplicationScoped
public class AvailabilityRepository {

    /** Applies the figure unless a newer or equal version is already there. */
    public Uni<Void> apply(String sku, String location, long available, long version) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO availability (sku, location, available, version) VALUES (:sku, :location, :available, :version)
                ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version,
                    updated_at = now()
                WHERE availability.version < EXCLUDED.version""")
                .setParameter("sku", sku).setParameter("location", location)
                .setParameter("available", available).setParameter("version", version)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Available units per location, per SKU, for the given SKUs (only where some are available). */
    public Uni<Map<String, Map<String, Long>>> availableFor(List<String> skus) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT sku, location, available FROM availability WHERE sku IN (:skus) AND available > 0",
                Object[].class)
                .setParameter("skus", skus)
                .getResultList())
                .map(rows -> {
                    Map<String, Map<String, Long>> bySku = new HashMap<>();
                    for (Object[] row : rows) {
                        bySku.computeIfAbsent((String) row[0], sku -> new HashMap<>())
                                .put((String) row[1], ((Number) row[2]).longValue());
                    }
                    return bySku;
                });
    }
}
