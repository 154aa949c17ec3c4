package io.stockline.channel.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** What a dynamic buffer is sized from: each SKU's demand rate and each channel's measured sync lag. */
@ApplicationScoped
public class DemandRepository {

    /** Each SKU's demand now, in units per hour (decayed since it was last measured); SKUs without demand are absent. */
    public Uni<Map<String, Double>> unitsPerHour(Collection<String> skus) {
        return skus.isEmpty() ? Uni.createFrom().item(Map.of()) : unitsPerHour(List.copyOf(skus));
    }

    /** Every SKU's demand now, in units per hour. */
    public Uni<Map<String, Double>> unitsPerHour() {
        return unitsPerHour((List<String>) null);
    }

    /** {@code skus} null: every SKU. */
    private Uni<Map<String, Double>> unitsPerHour(List<String> skus) {
        NativeSql query = NativeSql.of("""
                SELECT sku, units_per_hour * exp(-GREATEST(extract(epoch FROM now() - measured_at), 0) / 3600.0)
                FROM sku_demand""" + (skus == null ? "" : " WHERE sku = ANY(CAST(:skus AS text[]))"));
        if (skus != null) {
            query.set("skus", skus.toArray(String[]::new));
        }
        return query.rows().map(DemandRepository::doublesByKey);
    }

    /**
     * The channels' sync lag, in seconds: the 90th percentile of the time from a wanted quantity being set to the
     * marketplace holding it, over the pairs pushed in the last hour; channels with none are absent.
     */
    public Uni<Map<String, Double>> syncLagSeconds(Collection<String> channels) {
        if (channels.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of("""
                SELECT channel, percentile_cont(0.9) WITHIN GROUP (
                    ORDER BY GREATEST(extract(epoch FROM pushed_at - wanted_at), 0))
                FROM sync_state
                WHERE channel = ANY(CAST(:channels AS text[])) AND pushed_at > now() - interval '1 hour' AND pushed_version = wanted_version
                GROUP BY channel""")
                .set("channels", channels.toArray(String[]::new)).rows()
                .map(DemandRepository::doublesByKey);
    }

    private static Map<String, Double> doublesByKey(List<Object[]> rows) {
        Map<String, Double> values = new HashMap<>();
        rows.forEach(row -> values.put(Rows.text(row[0]), ((Number) row[1]).doubleValue()));
        return values;
    }
}
