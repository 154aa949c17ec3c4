package io.stockline.inventory.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bundle's availability, from its components' stock. Units per bundle are flattened through nested
 * bundles, and every component is read from the same snapshot, so two bundles that share a component
 * never promise the same unit twice: selling one lowers the other at once.
 */
public final class Bundle {

    private Bundle() {
    }

    /**
     * @param unitsPerBundle   stocked component SKU -> units of it in one bundle (nesting flattened)
     * @param availableByLevel the components' balances (any locations)
     * @return location -> how many whole bundles its components make there (locations lacking a component make 0)
     */
    public static Map<String, Long> availablePerLocation(Map<String, Long> unitsPerBundle,
            Collection<StockLevel> availableByLevel) {
        Map<String, Map<String, Long>> byLocation = new HashMap<>();
        for (StockLevel level : availableByLevel) {
            byLocation.computeIfAbsent(level.location(), l -> new HashMap<>())
                    .put(level.sku(), level.state().available());
        }
        Map<String, Long> bundles = new TreeMap<>();
        byLocation.forEach((location, available) -> bundles.put(location, makeable(unitsPerBundle, available)));
        return bundles;
    }

    /** min over components of floor(available / units per bundle), never below zero. */
    public static long makeable(Map<String, Long> unitsPerBundle, Map<String, Long> available) {
        long bundles = Long.MAX_VALUE;
        for (Map.Entry<String, Long> component : unitsPerBundle.entrySet()) {
            long have = Math.max(0, available.getOrDefault(component.getKey(), 0L));
            bundles = Math.min(bundles, have / component.getValue());
        }
        return unitsPerBundle.isEmpty() ? 0 : bundles;
    }
}
