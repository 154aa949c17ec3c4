package io.stockline.simulator.domain;

import java.time.Instant;

/** What the simulator holds for one listing: the quantity on sale, when it last changed and how often it was written. */
public record Listing(Marketplace marketplace, String scope, String listingId, String sku, long quantity,
        Instant updatedAt, long writes) {

    public ListingKey key() {
        return new ListingKey(marketplace, scope, listingId);
    }

    public Listing written(String newSku, long newQuantity, Instant at) {
        return new Listing(marketplace, scope, listingId, newSku != null ? newSku : sku, newQuantity, at, writes + 1);
    }
}
