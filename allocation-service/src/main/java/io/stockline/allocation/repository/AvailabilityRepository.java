package io.stockline.allocation.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.StockChanged;

@ApplicationScoped
public class AvailabilityRepository {

    /** Records the event id exactly once; false when it was seen before. */
    public Uni<Boolean> markProcessed(java.util.UUID eventId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId)
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Applies the event unless a newer or equal version is already there. */
    public Uni<Void> apply(StockChanged event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO availability (sku, location, available, version) VALUES (:sku, :location, :available, :version)
                ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version,
                    updated_at = now()
                WHERE availability.version < EXCLUDED.version""")
                .setParameter("sku", event.sku()).setParameter("location", event.location())
                .setParameter("available", event.available()).setParameter("version", event.version())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Available units per location, per SKU, for the given SKUs. */
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
