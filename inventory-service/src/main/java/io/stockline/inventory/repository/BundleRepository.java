package io.stockline.inventory.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;

/** Bundle structure: components, the stocked parts a bundle is made of, and the bundles a SKU is part of. */
@ApplicationScoped
public class BundleRepository {

    /** How deep bundles may nest; deeper structures are refused when created. */
    public static final int MAX_DEPTH = 10;

    public record Component(String sku, long quantity) {
    }

    public Uni<Void> addComponents(String bundleSku, List<Component> components) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Component component : components) {
            chain = chain.chain(() -> NativeSql.of(
                    "INSERT INTO item_component (bundle_sku, component_sku, quantity) VALUES (:bundle, :component, :quantity)")
                    .set("bundle", bundleSku).set("component", component.sku())
                    .set("quantity", component.quantity())
                    .update().replaceWithVoid());
        }
        return chain;
    }

    public Uni<List<Component>> components(String bundleSku) {
        return components(List.of(bundleSku)).map(byBundle -> byBundle.getOrDefault(bundleSku, List.of()));
    }

    /**
     * The components of each of the SKUs, by SKU, in one statement (a list of items shows them all); a SKU that is no
     * bundle has none and is left out.
     */
    public Uni<Map<String, List<Component>>> components(Collection<String> bundleSkus) {
        if (bundleSkus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of("""
                SELECT bundle_sku, component_sku, quantity FROM item_component
                WHERE bundle_sku = ANY(CAST(:bundles AS text[])) ORDER BY bundle_sku, component_sku""")
                .set("bundles", bundleSkus.toArray(String[]::new)).rows()
                .map(rows -> {
                    Map<String, List<Component>> byBundle = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byBundle.computeIfAbsent((String) row[0], bundle -> new ArrayList<>())
                                .add(new Component((String) row[1], ((Number) row[2]).longValue()));
                    }
                    return byBundle;
                });
    }

    /**
     * The stocked SKUs one bundle is made of, with the units of each in one bundle, through nested bundles. Nesting
     * multiplies: the product is worked out in numeric (a bigint would overflow into an error) and capped at the
     * largest bigint, more than any balance holds, so such a bundle is simply never available.
     */
    public Uni<Map<String, Long>> stockedParts(String bundleSku) {
        return NativeSql.of("""
                WITH RECURSIVE parts (sku, units, depth) AS (
                    SELECT component_sku, CAST(quantity AS numeric), 1 FROM item_component WHERE bundle_sku = :bundle
                    UNION ALL
                    SELECT c.component_sku, least(p.units * c.quantity, 9223372036854775807), p.depth + 1
                    FROM parts p JOIN item_component c ON c.bundle_sku = p.sku WHERE p.depth < :maxDepth)
                SELECT p.sku, CAST(least(sum(p.units), 9223372036854775807) AS bigint) FROM parts p JOIN item i ON i.sku = p.sku
                WHERE i.kind <> 'BUNDLE' GROUP BY p.sku ORDER BY p.sku""")
                .set("bundle", bundleSku).set("maxDepth", MAX_DEPTH)
                .rows()
                .map(rows -> {
                    Map<String, Long> parts = new LinkedHashMap<>();
                    rows.forEach(r -> parts.put((String) r[0], ((Number) r[1]).longValue()));
                    return parts;
                });
    }

    /** How many levels of bundles lie below this one (1 when its components are all stocked items). */
    public Uni<Integer> depth(String bundleSku) {
        return NativeSql.of("""
                WITH RECURSIVE parts (sku, depth) AS (
                    SELECT component_sku, 1 FROM item_component WHERE bundle_sku = :bundle
                    UNION ALL
                    SELECT c.component_sku, p.depth + 1 FROM parts p JOIN item_component c ON c.bundle_sku = p.sku
                    WHERE p.depth <= :maxDepth)
                SELECT coalesce(max(depth), 0) FROM parts""")
                .set("bundle", bundleSku).set("maxDepth", MAX_DEPTH)
                .column(Number.class).map(rows -> rows.get(0).intValue());
    }

    /** Every bundle the SKU is part of, directly or through nested bundles. */
    public Uni<List<String>> bundlesContaining(String sku) {
        return NativeSql.of("""
                WITH RECURSIVE up (sku, depth) AS (
                    SELECT bundle_sku, 1 FROM item_component WHERE component_sku = :sku
                    UNION
                    SELECT c.bundle_sku, u.depth + 1 FROM up u JOIN item_component c ON c.component_sku = u.sku
                    WHERE u.depth < :maxDepth)
                SELECT DISTINCT sku FROM up ORDER BY sku""")
                .set("sku", sku).set("maxDepth", MAX_DEPTH)
                .column(String.class);
    }

    /** Which of the SKUs are a component of some bundle (their changes change what bundles can sell). */
    public Uni<Set<String>> componentsAmong(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.of(
                "SELECT DISTINCT component_sku FROM item_component WHERE component_sku = ANY(CAST(:skus AS text[]))")
                .set("skus", skus.toArray(String[]::new))
                .column(String.class)
                .map(HashSet::new);
    }

    /** Raises and returns the version of the bundle's availability at the location. */
    public Uni<Long> nextVersion(String bundleSku, String location) {
        return NativeSql.of("""
                INSERT INTO bundle_version (bundle_sku, location, version) VALUES (:bundle, :location, 1)
                ON CONFLICT (bundle_sku, location) DO UPDATE SET version = bundle_version.version + 1
                RETURNING version""")
                .set("bundle", bundleSku).set("location", location)
                .column(Number.class).map(rows -> rows.get(0).longValue());
    }

    public Uni<Map<String, Long>> versions(String bundleSku) {
        return NativeSql.of(
                "SELECT location, version FROM bundle_version WHERE bundle_sku = :bundle")
                .set("bundle", bundleSku).rows()
                .map(rows -> {
                    Map<String, Long> versions = new LinkedHashMap<>();
                    rows.forEach(r -> versions.put((String) r[0], ((Number) r[1]).longValue()));
                    return versions;
                });
    }
}
