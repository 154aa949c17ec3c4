package io.stockline.simulator.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.domain.Listing;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.simulator.domain.Marketplace;

/**
 * The quantities the simulated marketplaces hold, in memory. Every change goes through one lock, so a batch that
 * checks several listings and writes them (Shopify's compare-and-set) is all or nothing, as on the marketplace.
 */
@ApplicationScoped
public class ListingStore {

    private final Map<ListingKey, Listing> listings = new HashMap<>();
    private final Clock clock = Clock.systemUTC();

    public synchronized Optional<Listing> find(ListingKey key) {
        return Optional.ofNullable(listings.get(key));
    }

    /** Sets the quantity, creating the listing when it is new; returns what is held afterwards. */
    public synchronized Listing write(ListingKey key, String sku, long quantity) {
        Instant now = clock.instant();
        Listing held = listings.get(key);
        Listing written = held == null
                ? new Listing(key.marketplace(), key.scope(), key.listingId(), sku, quantity, now, 1)
                : held.written(sku, quantity, now);
        listings.put(key, written);
        return written;
    }

    /**
     * Runs {@code change} while no other change can run: it sees the listings as they are and its writes (through
     * the given view) land together.
     */
    public synchronized <T> T atomically(Function<ListingStore, T> change) {
        return change.apply(this);
    }

    public synchronized List<Listing> list(Optional<Marketplace> marketplace, Optional<String> scope, Optional<String> listingId) {
        Marketplace onMarketplace = marketplace.orElse(null);
        String inScope = scope.orElse(null);
        String withId = listingId.orElse(null);
        return listings.values().stream()
                .filter(listing -> (onMarketplace == null || onMarketplace == listing.marketplace())
                        && (inScope == null || inScope.equals(listing.scope()))
                        && (withId == null || withId.equals(listing.listingId())))
                .sorted(Comparator.comparing(Listing::marketplace).thenComparing(Listing::scope).thenComparing(Listing::listingId))
                .toList();
    }

    public synchronized void clear() {
        listings.clear();
    }
}
