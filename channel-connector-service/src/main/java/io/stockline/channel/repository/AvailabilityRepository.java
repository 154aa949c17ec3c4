package io.stockline.channel.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.StockChanged;

@ApplicationScoped
public class AvailabilityRepository {

    /** Records the event exactly once; false when its id was seen before. */
    public Uni<Boolean> markProcessed(StockChanged event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", event.eventId())
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Applies the event unless a newer or equal version is already there; false when it was stale. */
    public Uni<Boolean> apply(StockChanged event) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO availability (sku, location, available, version) VALUES (:sku, :location, :available, :version)
                ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version,
                    updated_at = now()
                WHERE availability.version < EXCLUDED.version""")
                .setParameter("sku", event.sku()).setParameter("location", event.location())
                .setParameter("available", event.available()).setParameter("version", event.version())
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** The SKU's available stock summed over the given locations, or over all when none are given. */
    public Uni<Long> availableAt(String sku, List<String> locations) {
        String sql = "SELECT COALESCE(SUM(available), 0) FROM availability WHERE sku = :sku"
                + (locations.isEmpty() ? "" : " AND location IN (:locations)");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Long.class).setParameter("sku", sku);
            if (!locations.isEmpty()) {
                query.setParameter("locations", locations);
            }
            return query.getSingleResult();
        }).map(Number::longValue);
    }
}
