package io.stockline.allocation.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * The read model of available units per (SKU, location); the highest version seen wins. Every statement runs on the
 * Vert.x client ({@link NativeSql}): each stock change and each order's plan come through here.
 */
@ApplicationScoped
public class AvailabilityRepository {

    /**
     * Applies the figure unless a newer or equal version is already there, or the version is more than
     * {@code maxVersionJump} past the stored one: then nothing is written and the stored version is returned (to refuse
     * the event), else null. One statement: the stored version is read under the same row lock the upsert takes.
     */
    public Uni<Long> apply(String sku, String location, long available, long version, long maxVersionJump) {
        return NativeSql.of("""
                WITH known AS (SELECT version FROM availability WHERE sku = :sku AND location = :location FOR UPDATE),
                    applied AS (INSERT INTO availability (sku, location, available, version)
                        SELECT CAST(:sku AS text), CAST(:location AS text), CAST(:available AS bigint), CAST(:version AS bigint)
                        WHERE NOT EXISTS (SELECT 1 FROM known WHERE CAST(:version AS bigint) - known.version > :maxJump)
                        ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available,
                            version = EXCLUDED.version, updated_at = now()
                        WHERE availability.version < EXCLUDED.version)
                SELECT version FROM known WHERE CAST(:version AS bigint) - version > :maxJump""")
                .set("sku", sku).set("location", location)
                .set("available", available).set("version", version)
                .set("maxJump", maxVersionJump)
                .first(leapedFrom -> Rows.longOrNull(leapedFrom[0]));
    }

    /**
     * Applies a figure read from inventory itself (no leap to refuse) when it is newer than the stored one. The row is
     * locked only when it changes: many orders short of one SKU replan from the same shared figures, and each used to
     * lock the SKU's rows through its whole transaction to find them unchanged, so they and the stock-changed events
     * queued behind one another (session 23). A stale figure fails the UPDATE's condition on the statement's snapshot
     * and is skipped without waiting; the INSERT comes in only for a row not there yet.
     */
    public Uni<Void> applyIfNewer(String sku, String location, long available, long version) {
        return NativeSql.of("""
                WITH changed AS (UPDATE availability SET available = :available, version = :version, updated_at = now()
                        WHERE sku = :sku AND location = :location AND version < :version RETURNING 1)
                INSERT INTO availability (sku, location, available, version)
                    SELECT CAST(:sku AS text), CAST(:location AS text), CAST(:available AS bigint), CAST(:version AS bigint)
                    WHERE NOT EXISTS (SELECT 1 FROM availability WHERE sku = :sku AND location = :location)
                    ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available,
                        version = EXCLUDED.version, updated_at = now()
                    WHERE availability.version < EXCLUDED.version""")
                .set("sku", sku).set("location", location)
                .set("available", available).set("version", version)
                .update()
                .replaceWithVoid();
    }

    /** Available units per location, per SKU, for the given SKUs (only where some are available). */
    public Uni<Map<String, Map<String, Long>>> availableFor(List<String> skus) {
        return NativeSql.of("SELECT sku, location, available FROM availability WHERE sku = ANY(:skus) AND available > 0")
                .set("skus", skus.toArray(String[]::new))
                .rows()
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
