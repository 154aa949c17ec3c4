package io.stockline.simulator.domain;

/** Identifies one listing: a marketplace, its scope ("" where the marketplace has none) and the listing id. */
public record ListingKey(Marketplace marketplace, String scope, String listingId) {

    public ListingKey {
        scope = marketplace.scoped() && scope != null ? scope : "";
    }
}
