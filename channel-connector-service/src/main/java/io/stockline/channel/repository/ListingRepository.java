package io.stockline.channel.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.channel.domain.ListingSource;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** SKU -> marketplace listing, per channel: imported by the seller (pinned) or found by SKU on the marketplace. */
@ApplicationScoped
public class ListingRepository {

    /** A stored mapping; {@code foundAt} is when a lookup found it (null when imported). */
    public record Listing(String sku, String listingId, ListingSource source, OffsetDateTime foundAt) {
    }

    /** An imported mapping: pinned, it replaces whatever was there, a found one too. */
    public Uni<Void> upsert(String channel, ListingCsv.Mapping listing) {
        return NativeSql.of("""
                INSERT INTO channel_listing (channel, sku, listing_id, source) VALUES (:channel, :sku, :listingId, 'IMPORTED')
                ON CONFLICT (channel, sku) DO UPDATE SET listing_id = EXCLUDED.listing_id, source = 'IMPORTED', found_at = NULL""")
                .set("channel", channel).set("sku", listing.sku())
                .set("listingId", listing.listingId()).update()
                .replaceWithVoid();
    }

    /**
     * Mappings a lookup found, in one statement; a SKU that has a mapping by now (an import that committed meanwhile)
     * keeps it: an imported mapping always wins over a lookup.
     */
    public Uni<Void> found(String channel, List<ListingCsv.Mapping> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < found.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:channel, :s").append(i).append(", :l").append(i).append(", 'FOUND', now())");
        }
        NativeSql query = NativeSql.of("INSERT INTO channel_listing (channel, sku, listing_id, source, found_at) VALUES "
                + values + " ON CONFLICT (channel, sku) DO NOTHING").set("channel", channel);
        for (int i = 0; i < found.size(); i++) {
            query.set("s" + i, found.get(i).sku()).set("l" + i, found.get(i).listingId());
        }
        return query.update().replaceWithVoid();
    }

    public Uni<List<Listing>> of(String channel) {
        return NativeSql.of("SELECT sku, listing_id, source, found_at FROM channel_listing WHERE channel = :channel ORDER BY sku")
                .set("channel", channel)
                .list(row -> new Listing(Rows.text(row[0]), Rows.text(row[1]),
                        ListingSource.valueOf(Rows.text(row[2])), Rows.time(row[3])));
    }
}
