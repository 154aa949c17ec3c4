package io.stockline.inventory.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.stockline.platform.problem.RuleViolation;

/**
 * A bundle's availability, from its components' stock. Units per bundle are flattened through nested
 * bundles, and every component is read from the same snapshot, so two bundles that share a component
 * never promise the same unit twice: selling one lowers the other at once.
 */
public final class Bundle {

    private Bundle() {
    }

    /**
     * The units of a part that {@code bundles} bundles take, {@code unitsPerBundle} each. More than {@code limit}
     * (what one movement may move) is refused naming {@code field} (422), as is a product past a long: never wrapped
     * round to a small or negative quantity, never a balance driven out of range.
     */
    public static long partUnits(String part, long unitsPerBundle, long bundles, long limit, String field) {
        long units;
        try {
            units = Math.multiplyExact(unitsPerBundle, bundles);
        } catch (ArithmeticException tooMany) {
            units = Long.MAX_VALUE;
        }
        if (units > limit) {
            throw RuleViolation.unprocessable(field, bundles + " bundles take " + unitsPerBundle + " of " + part
                    + " each: more than the " + limit + " units one movement may move");
        }
        return units;
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
