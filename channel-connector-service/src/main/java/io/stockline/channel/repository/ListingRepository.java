package io.stockline.channel.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.platform.sql.Rows;

/** SKU -> marketplace listing, per channel. */
@ApplicationScoped
public class ListingRepository {

    public Uni<Void> upsert(String channel, ListingCsv.Mapping listing) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO channel_listing (channel, sku, listing_id) VALUES (:channel, :sku, :listingId)
                ON CONFLICT (channel, sku) DO UPDATE SET listing_id = EXCLUDED.listing_id""")
                .setParameter("channel", channel).setParameter("sku", listing.sku())
                .setParameter("listingId", listing.listingId()).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<ListingCsv.Mapping>> of(String channel) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT sku, listing_id FROM channel_listing WHERE channel = :channel ORDER BY sku", Object[].class)
                .setParameter("channel", channel).getResultList())
                .map(rows -> rows.stream().map(row -> new ListingCsv.Mapping(Rows.text(row[0]), Rows.text(row[1]))).toList());
    }
}
