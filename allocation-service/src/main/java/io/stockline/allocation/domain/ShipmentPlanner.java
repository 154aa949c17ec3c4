package io.stockline.allocation.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Picks the location that ships an order: one that holds every line in full, so the order ships in one
 * parcel; among those the one with the most stock left over, then by code so equal input gives equal output.
 */
public final class ShipmentPlanner {

    private ShipmentPlanner() {
    }

    /**
     * @param available available units per location, per SKU
     * @return the location, or empty when no single location holds the whole order
     */
    public static Optional<String> singleLocation(List<OrderPlaced.Line> lines, Map<String, Map<String, Long>> available) {
        // Lines of the same SKU must fit together: what a location needs is the sum per SKU.
        Map<String, Long> wanted = new TreeMap<>();
        lines.forEach(line -> wanted.merge(line.sku(), line.quantity(), Long::sum));
        Set<String> locations = new TreeSet<>();
        available.values().forEach(perLocation -> locations.addAll(perLocation.keySet()));
        return locations.stream()
                .filter(location -> wanted.entrySet().stream()
                        .allMatch(sku -> held(available, sku.getKey(), location) >= sku.getValue()))
                .min(Comparator.<String>comparingLong(location -> -slack(wanted, available, location))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private static long held(Map<String, Map<String, Long>> available, String sku, String location) {
        return available.getOrDefault(sku, Map.of()).getOrDefault(location, 0L);
    }

    private static long slack(Map<String, Long> wanted, Map<String, Map<String, Long>> available, String location) {
        return wanted.entrySet().stream().mapToLong(sku -> held(available, sku.getKey(), location) - sku.getValue()).sum();
    }
}
