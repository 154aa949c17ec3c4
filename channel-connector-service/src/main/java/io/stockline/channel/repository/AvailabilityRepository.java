package io.stockline.channel.repository;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.StockChanged;
import io.stockline.platform.events.StockNumbers;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class AvailabilityRepository {

    /** What channel {@code c} may count of row {@code a}: available less the expiring lots it withholds (V10). */
    private static final String SELLABLE = "channel_sellable(a.available, a.committed, a.lots, c.withhold_expiring_days, :today)";

    private static final String SUMS_BY_CHANNEL = """
            SELECT a.sku, c.id, CAST(SUM(""" + SELLABLE + """
            ) AS bigint) FROM availability a
            JOIN channel c ON jsonb_array_length(c.locations) = 0 OR jsonb_exists(c.locations, a.location)
            WHERE a.sku = ANY(CAST(:skus AS text[]))
            GROUP BY a.sku, c.id""";

    private final ZoneId sellerZone;

    public AvailabilityRepository(@ConfigProperty(name = "stockline.lots.zone", defaultValue = "UTC") ZoneId sellerZone) {
        this.sellerZone = sellerZone;
    }

    /** The seller's date, which lot expiry dates are in. */
    LocalDate today() {
        return LocalDate.now(sellerZone);
    }

    /**
     * One (SKU, location)'s changes in a batch: the latest (what the row becomes), the first (whose fall from the
     * stored number may be demand), and the demand between the batch's own events, in units.
     */
    public record Change(StockChanged latest, StockChanged first, long demandWithinBatch) {
    }

    /**
     * Applies the changes (at most one per SKU and location) unless a newer or equal version is there already, and
     * adds the demand they show to each SKU's rate; returns the (SKU, location) pairs that changed, as
     * {@code sku -> locations}.
     */
    /**
     * What {@link #apply} did: the (SKU, location) pairs that changed, as {@code sku -> locations}, and the events it
     * refused because their version leapt more than the allowed jump past the stored one (none applied then: the
     * caller fails the transaction).
     */
    public record Applied(Map<String, java.util.Set<String>> touched, List<String> leaps) {
    }

    public Uni<Applied> apply(List<Change> changes, long maxVersionJump) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(new Applied(Map.of(), List.of()));
        }
        // Every part of the statement sees the rows as they were before it, so "old" holds the numbers the changes
        // fall from; the rows are locked by the caller (RecomputeLocks), so nothing moves them in between. The
        // arrays are the only parameters: one statement text whatever the batch, prepared once.
        List<Change> ordered = changes.stream().sorted(java.util.Comparator.comparing((Change change) -> change.latest().sku())
                .thenComparing(change -> change.latest().location())).toList();
        return NativeSql.of("""
                WITH incoming AS (SELECT sku, location, available, version, committed, CAST(lots AS jsonb) AS lots,
                        first_available, first_version, first_is_demand, demand_within_batch
                    FROM unnest(CAST(:skus AS text[]), CAST(:locations AS text[]), CAST(:available AS bigint[]),
                        CAST(:versions AS bigint[]), CAST(:committed AS bigint[]), CAST(:lots AS text[]),
                        CAST(:firstAvailable AS bigint[]), CAST(:firstVersions AS bigint[]),
                        CAST(:firstIsDemand AS boolean[]), CAST(:demandWithinBatch AS bigint[]))
                    AS t (sku, location, available, version, committed, lots, first_available, first_version,
                        first_is_demand, demand_within_batch)),
                old AS (SELECT a.sku, a.location, a.available, a.version FROM availability a
                    JOIN incoming i ON i.sku = a.sku AND i.location = a.location),
                up AS (INSERT INTO availability (sku, location, available, version, committed, lots)
                    SELECT sku, location, available, version, COALESCE(committed, 0), lots FROM incoming
                    ON CONFLICT (sku, location) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version,
                        committed = EXCLUDED.committed, lots = COALESCE(EXCLUDED.lots, availability.lots), updated_at = now()
                    WHERE availability.version < EXCLUDED.version AND EXCLUDED.version - availability.version <= :maxJump
                    RETURNING sku, location),
                taken AS (SELECT i.sku, SUM(i.demand_within_batch + CASE WHEN i.first_is_demand
                            AND o.version < i.first_version AND o.available > i.first_available
                            THEN o.available - i.first_available ELSE 0 END) AS units
                    FROM up JOIN incoming i ON i.sku = up.sku AND i.location = up.location
                    LEFT JOIN old o ON o.sku = up.sku AND o.location = up.location
                    GROUP BY i.sku),
                demand AS (INSERT INTO sku_demand AS d (sku, units_per_hour, measured_at)
                    SELECT sku, units, now() FROM taken WHERE units > 0
                    ON CONFLICT (sku) DO UPDATE SET measured_at = now(), units_per_hour = EXCLUDED.units_per_hour
                        + d.units_per_hour * exp(-GREATEST(extract(epoch FROM now() - d.measured_at), 0) / 3600.0))
                SELECT sku, location, CAST(NULL AS bigint), CAST(NULL AS bigint) FROM up
                UNION ALL
                SELECT i.sku, i.location, i.version, o.version FROM incoming i
                    JOIN old o ON o.sku = i.sku AND o.location = i.location
                WHERE i.version - o.version > :maxJump""")
                .set("maxJump", maxVersionJump)
                .set("skus", ordered.stream().map(change -> change.latest().sku()).toArray(String[]::new))
                .set("locations", ordered.stream().map(change -> change.latest().location()).toArray(String[]::new))
                .set("available", ordered.stream().map(change -> change.latest().available()).toArray(Long[]::new))
                .set("versions", ordered.stream().map(change -> change.latest().version()).toArray(Long[]::new))
                .set("committed", ordered.stream().map(change -> change.latest().committed()).toArray(Long[]::new))
                .set("lots", ordered.stream().map(change -> lots(change.latest())).toArray(String[]::new))
                .set("firstAvailable", ordered.stream().map(change -> change.first().available()).toArray(Long[]::new))
                .set("firstVersions", ordered.stream().map(change -> change.first().version()).toArray(Long[]::new))
                .set("firstIsDemand", ordered.stream().map(change -> change.first().isDemand()).toArray(Boolean[]::new))
                .set("demandWithinBatch", ordered.stream().map(Change::demandWithinBatch).toArray(Long[]::new))
                .rows().map(rows -> {
                    Map<String, java.util.Set<String>> touched = new java.util.LinkedHashMap<>();
                    List<String> leaps = new java.util.ArrayList<>();
                    for (Object[] row : rows) {
                        if (row[2] == null) {
                            touched.computeIfAbsent(Rows.text(row[0]), sku -> new java.util.TreeSet<>()).add(Rows.text(row[1]));
                        } else {
                            leaps.add(StockNumbers.leap(Rows.text(row[0]), Rows.text(row[1]), Rows.longValue(row[2]),
                                    Rows.longValue(row[3]), maxVersionJump));
                        }
                    }
                    return new Applied(touched, leaps);
                });
    }

    /** The event's lots as JSON, or null when it does not say (the stored lots stay). */
    private static String lots(StockChanged event) {
        if (event.lots() == null) {
            return null;
        }
        io.vertx.core.json.JsonArray lots = new io.vertx.core.json.JsonArray();
        for (StockChanged.Lot lot : event.lots()) {
            lots.add(new io.vertx.core.json.JsonObject().put("lot", lot.lot())
                    .put("expiresOn", lot.expiresOn() == null ? null : lot.expiresOn().toString()).put("quantity", lot.quantity()));
        }
        return lots.encode();
    }

    /** Each SKU's available stock summed over each channel's locations (all when it names none), by SKU then channel. */
    public Uni<Map<String, Map<String, Long>>> sumsByChannel(java.util.Collection<String> skus) {
        return NativeSql.of(SUMS_BY_CHANNEL)
                .set("skus", skus.toArray(String[]::new)).set("today", today()).rows()
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
        String sql = "SELECT a.sku, CAST(SUM(CASE WHEN " + inLocations + " THEN " + SELLABLE + " ELSE 0 END) AS bigint)"
                + " FROM availability a JOIN channel c ON c.id = :channel"
                + (skus == null ? "" : " WHERE a.sku = ANY(CAST(:skus AS text[]))")
                + " GROUP BY a.sku HAVING bool_or(" + inLocations + ")"
                + " OR EXISTS (SELECT 1 FROM sync_state s WHERE s.channel = :channel AND s.sku = a.sku)";
        NativeSql query = NativeSql.of(sql).set("channel", channel).set("today", today());
        if (skus != null) {
            query.set("skus", skus.toArray(String[]::new));
        }
        return query.rows().map(ChannelRepository::longsByKey);
    }
}
