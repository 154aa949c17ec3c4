package io.stockline.channel.repository;

import java.util.List;
import java.util.Map;

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

    /** Each SKU's available stock summed over each channel's locations (all when it names none), by SKU then channel. */
    public Uni<Map<String, Map<String, Long>>> sumsByChannel(java.util.Collection<String> skus) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT a.sku, c.id, CAST(SUM(a.available) AS bigint) FROM availability a
                JOIN channel c ON jsonb_array_length(c.locations) = 0 OR jsonb_exists(c.locations, a.location)
                WHERE a.sku IN (:skus)
                GROUP BY a.sku, c.id""", Object[].class)
                .setParameter("skus", List.copyOf(skus)).getResultList())
                .map(rows -> {
                    Map<String, Map<String, Long>> sums = new java.util.HashMap<>();
                    rows.forEach(row -> sums.computeIfAbsent((String) row[0], sku -> new java.util.HashMap<>())
                            .put((String) row[1], ((Number) row[2]).longValue()));
                    return sums;
                });
    }

    /**
     * The SKUs stocked (even at 0) at one of the channel's locations, or already synced to it, with their available
     * stock summed over the channel's locations, by SKU; only {@code skus} when given.
     */
    public Uni<Map<String, Long>> sumsBySku(String channel, List<String> skus) {
        String inLocations = "(jsonb_array_length(c.locations) = 0 OR jsonb_exists(c.locations, a.location))";
        String sql = "SELECT a.sku, CAST(SUM(CASE WHEN " + inLocations + " THEN a.available ELSE 0 END) AS bigint)"
                + " FROM availability a JOIN channel c ON c.id = :channel"
                + (skus == null ? "" : " WHERE a.sku IN (:skus)")
                + " GROUP BY a.sku HAVING bool_or(" + inLocations + ")"
                + " OR EXISTS (SELECT 1 FROM sync_state s WHERE s.channel = :channel AND s.sku = a.sku)";
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("channel", channel);
            if (skus != null) {
                query.setParameter("skus", skus);
            }
            return query.getResultList();
        }).map(ChannelRepository::longsByKey);
    }
}
