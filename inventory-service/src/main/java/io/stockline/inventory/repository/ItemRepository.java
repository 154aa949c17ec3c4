package io.stockline.inventory.repository;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;

@ApplicationScoped
public class ItemRepository implements PanacheRepositoryBase<Item, String> {

    /** What bulk work needs to know of an item, read without loading entities. */
    public record Facts(String sku, String name, ItemKind kind, boolean lotTracked, boolean backorderAllowed,
            BigDecimal unitCost) {
    }

    public Uni<List<Item>> findByProduct(String product) {
        return list("product = ?1 order by sku", product);
    }

    public Uni<Item> findVariant(String product, String optionsJson) {
        return find("product = ?1 and optionsJson = ?2", product, optionsJson).firstResult();
    }

    /**
     * Items whose SKU starts with :prefix, whose name contains :infix (both ignoring case) or that carry :barcode;
     * prefix matches first, then by SKU, at most :limit. Each arm is a query of its own so that each reads its own
     * index (V17: item_sku_lower_prefix, item_name_trigrams; item_barcode's key): one condition ORed over the three
     * made PostgreSQL read every item. An arm keeps only its first :limit by SKU, which is all the answer can take
     * from it; for a short text, which trigrams cannot narrow, that lets PostgreSQL walk the SKU order and stop early.
     */
    public static final String SEARCH = """
            SELECT i.* FROM item i
            WHERE i.sku IN ((SELECT sku FROM item WHERE lower(sku) LIKE :prefix ESCAPE '!' ORDER BY sku LIMIT :limit)
                            UNION ALL
                            (SELECT sku FROM item WHERE lower(name) LIKE :infix ESCAPE '!' ORDER BY sku LIMIT :limit)
                            UNION ALL
                            SELECT sku FROM item_barcode WHERE barcode = :barcode)
            ORDER BY CASE WHEN lower(i.sku) LIKE :prefix ESCAPE '!' THEN 0 ELSE 1 END, i.sku
            LIMIT :limit""";

    /** What a person typed as {@link #SEARCH}'s patterns: its own %, _ and ! are text, not wildcards. */
    public record SearchTerms(String prefix, String infix, String barcode) {
        public static SearchTerms of(String text) {
            String literal = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            return new SearchTerms(literal + "%", "%" + literal + "%", text);
        }
    }

    /**
     * Items whose SKU starts with {@code text}, whose name contains it (both ignoring case) or that carry it as a
     * barcode; SKU matches first, then by SKU, at most {@code limit}. Runs inside the caller's transaction.
     */
    public Uni<List<Item>> search(String text, int limit) {
        SearchTerms terms = SearchTerms.of(text);
        // The statement is prepared once per connection, and after five runs PostgreSQL may keep a plan made without
        // the text. Without the text it cannot pick an index: that plan walks every item in each arm (0.2-0.6 s on
        // 100,000 items against 0.3 ms, BENCHMARKS.md), and a few short texts no item has make it stick. Planning
        // each search for its own text costs about a millisecond.
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
                .getSingleResult()
                .chain(() -> session.createNativeQuery(SEARCH, Item.class)
                        .setParameter("prefix", terms.prefix())
                        .setParameter("infix", terms.infix())
                        .setParameter("barcode", terms.barcode())
                        .setParameter("limit", limit)
                        .getResultList()));
    }

    /** The item one of {@code forms} (a code and its equivalent GTIN lengths, see Gtin.forms) belongs to. */
    public Uni<Item> findByBarcode(java.util.List<String> forms) {
        return find("select i from Item i join i.barcodes b where b in ?1", forms).firstResult();
    }

    /** The facts of those of the SKUs that exist, by SKU, in one statement. */
    public Uni<Map<String, Facts>> facts(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT sku, name, kind, lot_tracked, backorder_allowed, unit_cost FROM item
                WHERE sku = ANY(CAST(:skus AS text[]))""", Object[].class)
                .setParameter("skus", skus.toArray(String[]::new))
                .getResultList())
                .map(rows -> {
                    Map<String, Facts> facts = new HashMap<>(rows.size() * 2);
                    for (Object[] row : rows) {
                        facts.put((String) row[0], new Facts((String) row[0], (String) row[1],
                                ItemKind.valueOf((String) row[2]), (Boolean) row[3], (Boolean) row[4],
                                (BigDecimal) row[5]));
                    }
                    return facts;
                });
    }

    /**
     * Inserts new items (no barcodes, components or variant options) in one statement; an item another request
     * created meanwhile is left as it is. Returns the SKUs inserted.
     */
    public Uni<Set<String>> insertAll(List<Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int size = items.size();
        String[] skus = new String[size];
        String[] names = new String[size];
        String[] kinds = new String[size];
        String[] statuses = new String[size];
        Boolean[] lotTracked = new Boolean[size];
        Boolean[] backorder = new Boolean[size];
        BigDecimal[] unitCosts = new BigDecimal[size];
        Long[] revisions = new Long[size];
        for (int i = 0; i < size; i++) {
            Item item = items.get(i);
            skus[i] = item.sku;
            names[i] = item.name;
            kinds[i] = item.kind.name();
            statuses[i] = item.status.name();
            lotTracked[i] = item.lotTracked;
            backorder[i] = item.backorderAllowed;
            unitCosts[i] = item.unitCost;
            revisions[i] = item.revision;
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO item (sku, name, kind, status, lot_tracked, backorder_allowed, unit_cost, revision)
                SELECT * FROM unnest(CAST(:skus AS text[]), CAST(:names AS text[]), CAST(:kinds AS text[]),
                                     CAST(:statuses AS text[]), CAST(:lotTracked AS boolean[]),
                                     CAST(:backorder AS boolean[]), CAST(:unitCosts AS numeric[]),
                                     CAST(:revisions AS bigint[]))
                ON CONFLICT (sku) DO NOTHING
                RETURNING sku""", String.class)
                .setParameter("skus", skus).setParameter("names", names).setParameter("kinds", kinds)
                .setParameter("statuses", statuses).setParameter("lotTracked", lotTracked)
                .setParameter("backorder", backorder).setParameter("unitCosts", unitCosts)
                .setParameter("revisions", revisions)
                .getResultList())
                .map(HashSet::new);
    }
}
