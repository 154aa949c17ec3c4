package io.stockline.channel.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.StockChanged;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class AvailabilityRepository {

    /**
     * Applies the events (at most one per SKU and location) unless a newer or equal version is there already;
     * returns the (SKU, location) pairs that changed, as {@code sku -> locations}.
     */
    public Uni<Map<String, java.util.Set<String>>> apply(List<StockChanged> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:s").append(i).append(", :l").append(i)
                    .append(", CAST(:a").append(i).append(" AS bigint), CAST(:v").append(i).append(" AS bigint))");
        }
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery("INSERT INTO availability (sku, location, available, version) VALUES "
                    + values + """
                     ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version,
                        updated_at = now()
                    WHERE availability.version < EXCLUDED.version
                    RETURNING sku, location""", Object[].class);
            for (int i = 0; i < events.size(); i++) {
                StockChanged event = events.get(i);
                query.setParameter("s" + i, event.sku()).setParameter("l" + i, event.location())
                        .setParameter("a" + i, event.available()).setParameter("v" + i, event.version());
            }
            return query.getResultList();
        }).map(rows -> {
            Map<String, java.util.Set<String>> touched = new java.util.LinkedHashMap<>();
            rows.forEach(row -> touched.computeIfAbsent(Rows.text(row[0]), sku -> new java.util.TreeSet<>()).add(Rows.text(row[1])));
            return touched;
        });
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
                    rows.forEach(row -> sums.computeIfAbsent(Rows.text(row[0]), sku -> new java.util.HashMap<>())
                            .put(Rows.text(row[1]), Rows.longValue(row[2])));
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
