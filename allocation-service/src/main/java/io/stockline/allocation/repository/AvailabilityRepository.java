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

    /**
     * Applies the figure unless a newer or equal version is already there, or the version is more than
     * {@code maxVersionJump} past the stored one: then nothing is written and the stored version is returned (to refuse
     * the event), else null. One statement: the stored version is read under the same row lock the upsert takes.
     */
    public Uni<Long> apply(String sku, String location, long available, long version, long maxVersionJump) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                WITH known AS (SELECT version FROM availability WHERE sku = :sku AND location = :location FOR UPDATE),
                    applied AS (INSERT INTO availability (sku, location, available, version)
                        SELECT CAST(:sku AS text), CAST(:location AS text), CAST(:available AS bigint), CAST(:version AS bigint)
                        WHERE NOT EXISTS (SELECT 1 FROM known WHERE CAST(:version AS bigint) - known.version > :maxJump)
                        ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available,
                            version = EXCLUDED.version, updated_at = now()
                        WHERE availability.version < EXCLUDED.version)
                SELECT version FROM known WHERE CAST(:version AS bigint) - version > :maxJump""", Long.class)
                .setParameter("sku", sku).setParameter("location", location)
                .setParameter("available", available).setParameter("version", version)
                .setParameter("maxJump", maxVersionJump)
                .getResultList())
                .map(leapedFrom -> leapedFrom.isEmpty() ? null : leapedFrom.get(0));
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
