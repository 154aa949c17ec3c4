package io.stockline.inventory.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Bundle;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.StockRepository;

/** What bundles can be sold, from their components' balances read in one snapshot (caller's session). */
@ApplicationScoped
public class BundleAvailability {

    /** A bundle's parts and how many whole bundles each location can make. */
    public record Availability(Map<String, Long> parts, Map<String, Long> perLocation) {

        public long at(String location) {
            return perLocation.getOrDefault(location, 0L);
        }
    }

    private final BundleRepository bundles;
    private final StockRepository stock;

    public BundleAvailability(BundleRepository bundles, StockRepository stock) {
        this.bundles = bundles;
        this.stock = stock;
    }

    public Uni<Availability> of(String bundleSku) {
        return bundles.stockedParts(bundleSku).chain(parts -> stock.findBySkus(parts.keySet())
                .map(levels -> new Availability(parts, Bundle.availablePerLocation(parts, levels))));
    }

    /** How many whole bundles the location's components make now. */
    public Uni<Long> at(String bundleSku, String location) {
        return bundles.stockedParts(bundleSku).chain(parts -> stock.findBySkus(parts.keySet()).map(levels -> {
            Map<String, Long> available = new HashMap<>();
            for (StockLevel level : levels) {
                if (level.location().equals(location)) {
                    available.put(level.sku(), level.state().available());
                }
            }
            return Bundle.makeable(parts, available);
        }));
    }
}
